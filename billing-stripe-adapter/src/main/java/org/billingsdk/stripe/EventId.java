package org.billingsdk.stripe;

/**
 * A Stripe event's id ({@code evt_...}), as a webhook delivery names it; immutable. The webhook
 * handler remembers events by it, and {@link StripeWebhooks#forget} takes it back.
 *
 * @param value Stripe's id: 1 to 255 characters, no white space or control character
 */
public record EventId(String value) {

    /** The longest id kept, as for the core's provider references. */
    private static final int MOST = 255;

    /**
     * Checks the text.
     *
     * @param value Stripe's id
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is empty, longer than 255 characters, or has white
     *     space or a control character
     */
    public EventId {
        if (value == null) {
            throw new NullPointerException("event id");
        }
        if (value.isEmpty() || value.length() > MOST || value.codePoints().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c) || Character.isSpaceChar(c))) {
            throw new IllegalArgumentException("event id must be 1 to " + MOST
                    + " characters without white space or control characters");
        }
    }

    /**
     * The id Stripe gave an event.
     *
     * @param value Stripe's id, such as {@code evt_1Pgc76B7WZ01zgkWwyRHS12y}
     * @return the id
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException as the constructor does
     */
    public static EventId of(String value) {
        return new EventId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
