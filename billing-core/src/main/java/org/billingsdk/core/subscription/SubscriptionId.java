package org.billingsdk.core.subscription;

import java.util.Objects;
import java.util.UUID;
import org.billingsdk.core.internal.Uuids;

/**
 * Identifies a subscription; immutable. Ordered as the UUID's text form is (and as PostgreSQL
 * orders {@code uuid}), which stores use to page.
 */
public record SubscriptionId(UUID value) implements Comparable<SubscriptionId> {

    public SubscriptionId {
        Objects.requireNonNull(value, "subscription id");
    }

    public static SubscriptionId random() {
        return new SubscriptionId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless {@code value} is a UUID in its text form */
    public static SubscriptionId of(String value) {
        return new SubscriptionId(UUID.fromString(value));
    }

    @Override
    public int compareTo(SubscriptionId other) {
        return Uuids.compareAsText(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
