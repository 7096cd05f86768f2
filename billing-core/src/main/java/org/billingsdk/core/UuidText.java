package org.billingsdk.core;

import java.util.UUID;

/**
 * How the SDK's ids ({@code CompanyId}, {@code SubscriptionId}, ...) read and order the text of
 * their UUIDs: only the canonical 36-character form is read, and ids order as their text does.
 * Thread-safe; holds no state.
 */
public final class UuidText {

    private UuidText() {
    }

    /**
     * The UUID written in its canonical text form: 36 characters, five groups of 8, 4, 4, 4 and 12
     * hexadecimal digits separated by dashes, in either case (RFC 9562 reads text case-insensitively).
     * {@link UUID#fromString} also accepts shorter groups and silently drops digits of longer ones,
     * so that two different texts name one id; this refuses both.
     *
     * @param text the text; not null
     * @param what what the text names, for the message ("company id")
     * @return the UUID
     * @throws IllegalArgumentException unless {@code text} is a UUID in its canonical form
     */
    public static UUID parse(String text, String what) {
        if (text == null) {
            throw new NullPointerException(what);
        }
        if (text.length() != 36) {
            throw new IllegalArgumentException(what + " must be a UUID of 36 characters, such as "
                    + "123e4567-e89b-42d3-a456-426614174000");
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                throw new IllegalArgumentException(what + " must be a UUID of 36 characters, such as "
                        + "123e4567-e89b-42d3-a456-426614174000");
            }
        }
        return UUID.fromString(text);
    }

    /** ASCII only: {@link Character#digit} also takes full-width and other scripts' digits. */
    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * Compares as the UUIDs' text forms compare (and as PostgreSQL and H2 order {@code uuid}):
     * unsigned, most significant bits first. {@link UUID#compareTo} compares signed, which differs.
     *
     * @param a a UUID; not null
     * @param b another; not null
     * @return negative, zero or positive as {@code a}'s text sorts before, with or after {@code b}'s
     */
    public static int compare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
