package org.billingsdk.core.payment;

/**
 * The payment provider's machine-readable reason a charge or a refund was declined, as the
 * provider names it (Stripe's {@code decline_code} or {@code code}, such as {@code card_declined}
 * or {@code insufficient_funds}); immutable. The SDK keeps it verbatim, for the host's logic and
 * logs; {@link ChargeOutcome.Declined#message()} is the sentence for people.
 *
 * @param value the provider's code: 1 to 255 characters, no white space or control character
 */
public record DeclineCode(String value) {

    /**
     * Checks the text.
     *
     * @param value the provider's code
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is empty, longer than 255 characters, or has white
     *     space or a control character
     */
    public DeclineCode {
        ReferenceText.check(value, "decline code");
    }

    /**
     * The code the provider answered.
     *
     * @param value the provider's code, such as {@code insufficient_funds}
     * @return the code
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException as the constructor does
     */
    public static DeclineCode of(String value) {
        return new DeclineCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
