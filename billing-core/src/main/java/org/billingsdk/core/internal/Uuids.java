package org.billingsdk.core.internal;

import java.util.UUID;

/** UUID helpers shared by the identifiers. */
public final class Uuids {

    private Uuids() {
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
