package org.billingsdk.core.payment;

/**
 * The last four characters of a card number or an IBAN, as the provider returns them for display:
 * all of a card number or IBAN the SDK may keep. Immutable.
 *
 * @param value exactly four ASCII letters or digits, such as {@code 4242}
 */
public record Last4(String value) {

    /**
     * Checks the text.
     *
     * @param value the last four characters
     * @throws IllegalArgumentException if it is {@code null} or not exactly four ASCII letters or
     *     digits
     */
    public Last4 {
        if (value == null || !value.matches("[0-9A-Za-z]{4}")) {
            throw new IllegalArgumentException("only the last four characters of a card number or IBAN are kept");
        }
    }

    /**
     * The last four characters the provider answered.
     *
     * @param value exactly four ASCII letters or digits
     * @return them
     * @throws IllegalArgumentException as the constructor does
     */
    public static Last4 of(String value) {
        return new Last4(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
