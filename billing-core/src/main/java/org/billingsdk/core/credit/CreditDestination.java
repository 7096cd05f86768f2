package org.billingsdk.core.credit;

/** What a credit note does with its amount, chosen when it is issued. */
public enum CreditDestination {
    /**
     * Reduces the amount due of an invoice not paid yet (open or uncollectible); an invoice whose
     * amount due reaches zero is settled ({@code PAID}). What exceeds the amount due (a part the
     * credit balance had settled) goes back to the credit balance.
     */
    AMOUNT_DUE("deducted from the invoice's amount due"),
    /**
     * Refunds part or all of a paid invoice to the payment method it was paid with, through the
     * payment provider, under an idempotency key of the credit note: at most what its payment took
     * and has not been refunded or asked to be refunded. {@code PENDING} until the provider confirms;
     * a refund that fails puts its amount on the credit balance instead.
     */
    REFUND("refunded to the payment method the invoice was paid with"),
    /** Adds the amount of a paid invoice to the company's credit balance, used for its next invoices. */
    BALANCE("added to the customer's credit balance");

    private final String text;

    CreditDestination(String text) {
        this.text = text;
    }

    /** {@return what the credit does, as a credit note prints it, in English} */
    public String text() {
        return text;
    }
}
