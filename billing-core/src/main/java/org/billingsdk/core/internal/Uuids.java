package org.billingsdk.core.internal;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/** UUID helpers shared by the identifiers: canonical parsing, fast unique ids, text order. */
public final class Uuids {

    private Uuids() {
    }

    /**
     * The root the threads' generators of {@link #unique()} are split from, seeded from
     * {@link SecureRandom}. A generator split from it gets its own seed and its own step, so the
     * threads draw from unrelated sequences; seeding each thread with a seed alone would put them
     * all on one sequence, where two seeds close together repeat each other's ids.
     */
    private static final SplittableRandom ROOT = new SplittableRandom(new SecureRandom().nextLong());

    private static final ThreadLocal<SplittableRandom> UNIQUE = ThreadLocal.withInitial(() -> {
        synchronized (ROOT) {
            return ROOT.split();
        }
    });

    /**
     * A random (version 4) UUID for ids that must be unique but need not be unguessable, such as
     * event ids: drawn from a per-thread generator split from one seeded from {@link SecureRandom},
     * without the cost of {@link UUID#randomUUID()} on every id. Ids a customer may see
     * (companies, subscriptions, invoices, payments) keep {@link UUID#randomUUID()}.
     */
    public static UUID unique() {
        SplittableRandom random = UNIQUE.get();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
        return new UUID(high, low);
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
    public static UUID parseCanonical(String text, String what) {
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
     */
    public static int compareAsText(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
