package org.billingsdk.core.subscription;

import java.util.Objects;
import java.util.UUID;
import org.billingsdk.core.UuidText;

/**
 * Identifies a subscription; immutable. Ordered as the UUID's text form is (and as PostgreSQL
 * orders {@code uuid}), which stores use to page.
 *
 * @param value the UUID
 */
public record SubscriptionId(UUID value) implements Comparable<SubscriptionId> {

    /**
     * Checks the value.
     *
     * @param value not null
     */
    public SubscriptionId {
        Objects.requireNonNull(value, "subscription id");
    }

    /** {@return a new, random id} */
    public static SubscriptionId random() {
        return new SubscriptionId(UUID.randomUUID());
    }

    /**
     * The id written as text, as {@link #toString()} gives it.
     *
     * @param value a UUID in its canonical text form of 36 characters (either case); not null
     * @return the id
     * @throws IllegalArgumentException unless {@code value} is a UUID in its canonical text form; the
     *     shorter or longer groups {@link UUID#fromString} also accepts are refused
     */
    public static SubscriptionId of(String value) {
        return new SubscriptionId(UuidText.parse(value, "subscription id"));
    }

    @Override
    public int compareTo(SubscriptionId other) {
        return UuidText.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
