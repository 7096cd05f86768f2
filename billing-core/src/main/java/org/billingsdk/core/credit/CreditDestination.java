package org.billingsdk.core.credit;

/** What a credit note does with its amount, chosen when it is issued. */
public enum CreditDestination {
    /**
     * Reduces the amount due of an invoice not paid yet (open or uncollectible); an invoice whose
     * amount due reaches zero is settled ({@code PAID}). What exceeds the amount due (a part the
     * credit balance had settled) goes back to the credit balance.
     */
    AMOUNT_DUE,
    /** Adds the amount of a paid invoice to the company's credit balance, used for its next invoices. */
    BALANCE
}
