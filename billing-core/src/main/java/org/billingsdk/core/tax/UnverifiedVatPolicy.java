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
     * Charge the buyer's country's VAT until the number is confirmed; then every invoice issued to
     * the buyer with that VAT since the number was given is corrected: a credit note of the whole
     * invoice (reason {@code VAT_CORRECTION}) and a reverse-charged invoice of the same lines, so
     * that the VAT paid comes back on the credit balance. The seller never owes VAT it did not charge.
     * The default.
     */
    CHARGE_VAT_UNTIL_VERIFIED,

    /**
     * Reverse-charge at once and ask the register again (the billing run does); should it then find
     * the number invalid, later invoices charge VAT, and the {@code VatNumberChecked} event tells the
     * host, whose seller owes the VAT of the reverse-charged invoices.
     */
    REVERSE_CHARGE_AND_RECHECK
}
