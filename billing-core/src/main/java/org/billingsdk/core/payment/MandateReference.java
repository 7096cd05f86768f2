package org.billingsdk.core.payment;

/**
 * A SEPA Direct Debit mandate at the payment provider, as the provider names it (Stripe's
 * {@code mandate_...}, or the mandate reference the provider gave it for the customer's bank
 * statement); immutable. The SDK keeps it verbatim and never makes one up.
 *
 * @param value the provider's text: 1 to 255 characters, no white space or control character
 */
public record MandateReference(String value) {

    /**
     * Checks the text.
     *
     * @param value the provider's text
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is empty, longer than 255 characters, or has white
     *     space or a control character
     */
    public MandateReference {
        ReferenceText.check(value, "mandate reference");
    }

    /**
     * The reference the provider answered.
     *
     * @param value the provider's text
     * @return the reference
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException as the constructor does
     */
    public static MandateReference of(String value) {
        return new MandateReference(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
