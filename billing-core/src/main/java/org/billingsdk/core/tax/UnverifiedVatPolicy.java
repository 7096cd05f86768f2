package org.billingsdk.core.tax;

/**
 * What an invoice charges a business buyer in another EU member state whose VAT number has not been
 * confirmed yet, because the register (VIES) did not answer or has not been asked: chosen with
 * {@code Billing.Builder.unverifiedVatPolicy} when a
 * {@link org.billingsdk.core.port.VatNumberVerifier} is configured. A number the register found
 * invalid is never reverse-charged; a valid one always is.
 */
public enum UnverifiedVatPolicy {

    /**
     * Charge the buyer's country's VAT until the number is confirmed. When the register, found
     * unavailable, then confirms it, the paid invoices issued to the buyer with that number since it
     * was first found unavailable are corrected: their VAT-charging lines credited whole (a credit
     * note of reason {@code VAT_CORRECTION} to the balance) and invoiced again reverse-charged,
     * settled from that balance, so that the VAT paid stays on the credit balance. An invoice that
     * is not paid, was refunded, was credited or changed since is left as it is and logged, for the
     * host to correct. The seller never owes VAT it did not charge. The default.
     */
    CHARGE_VAT_UNTIL_VERIFIED,

    /**
     * Reverse-charge at once and ask the register again (the billing run does); should it then find
     * the number invalid, later invoices charge VAT, and the {@code VatNumberChecked} event tells the
     * host, whose seller owes the VAT of the reverse-charged invoices.
     */
    REVERSE_CHARGE_AND_RECHECK
}
