package org.billingsdk.core.payment;

/**
 * The check every provider reference, idempotency key, decline code and client secret makes of its
 * text. Its message names what was checked, never the text.
 */
final class ReferenceText {

    /** The longest reference or key kept: what Stripe accepts as an idempotency key. */
    static final int MOST = 255;

    private ReferenceText() {
    }

    /**
     * {@code value}, if it is 1 to 255 characters with no white space and no control character.
     *
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException otherwise, naming {@code what}
     */
    static String check(String value, String what) {
        if (value == null) {
            throw new NullPointerException(what);
        }
        if (value.isEmpty() || value.length() > MOST
                || value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                        || Character.isSpaceChar(c))) {
            throw new IllegalArgumentException(what + " must be 1 to " + MOST
                    + " characters without white space or control characters");
        }
        return value;
    }
}
