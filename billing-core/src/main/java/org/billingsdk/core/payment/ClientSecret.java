package org.billingsdk.core.payment;

/**
 * What a customer's browser needs to finish one payment-method set-up with the provider (Stripe's
 * SetupIntent {@code client_secret}); immutable. It lets its holder finish that set-up only, but
 * it is still a secret: {@link #toString()} prints {@code ***}, never the value, so that it stays
 * out of logs and exception messages. Hand {@link #value()} to the front end, nowhere else.
 *
 * @param value the provider's secret: 1 to 255 characters, no white space or control character
 */
public record ClientSecret(String value) {

    /**
     * Checks the text; the message of a refusal never quotes it.
     *
     * @param value the provider's secret
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is empty, longer than 255 characters, or has white
     *     space or a control character
     */
    public ClientSecret {
        ReferenceText.check(value, "client secret");
    }

    /**
     * The secret the provider answered.
     *
     * @param value the provider's secret
     * @return the secret
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException as the constructor does
     */
    public static ClientSecret of(String value) {
        return new ClientSecret(value);
    }

    /**
     * Hides the secret.
     *
     * @return {@code ***}, whatever the value
     */
    @Override
    public String toString() {
        return "***";
    }
}
