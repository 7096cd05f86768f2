package org.billingsdk.core.internal;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/** Unique ids for events and other records no customer sees. */
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

}
