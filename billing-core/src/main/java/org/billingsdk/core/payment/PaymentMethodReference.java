package org.billingsdk.core.payment;

/**
 * A payment method at the payment provider, as the provider names it (Stripe's {@code pm_...});
 * immutable. The SDK keeps it verbatim and never makes one up.
 *
 * @param value the provider's id: 1 to 255 characters, no white space or control character
 */
public record PaymentMethodReference(String value) {

    /**
     * Checks the text.
     *
     * @param value the provider's id
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is empty, longer than 255 characters, or has white
     *     space or a control character
     */
    public PaymentMethodReference {
        ReferenceText.check(value, "payment method reference");
    }

    /**
     * The reference the provider answered.
     *
     * @param value the provider's id
     * @return the reference
     * @throws IllegalArgumentException as the constructor does
     */
    public static PaymentMethodReference of(String value) {
        return new PaymentMethodReference(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
