package org.billingsdk.core.credit;

import java.util.Objects;
import java.util.UUID;
import org.billingsdk.core.UuidText;

/**
 * Identifies a refund of a credit note; immutable.
 *
 * @param value the UUID; its text form is the id's text form
 */
public record RefundId(UUID value) implements Comparable<RefundId> {

    /**
     * Checks that the UUID is given.
     *
     * @param value not {@code null}
     * @throws NullPointerException if it is {@code null}
     */
    public RefundId {
        Objects.requireNonNull(value, "refund id");
    }

    /**
     * A new id.
     *
     * @return an id from a random (version 4) UUID
     */
    public static RefundId random() {
        return new RefundId(UUID.randomUUID());
    }

    /**
     * The id with the given text form, as {@link #toString()} writes it.
     *
     * @param value a UUID in its text form, such as {@code 0b5e3f4c-6d1a-4f43-9a55-2c9d0e1f7a21}
     * @return the id
     * @throws IllegalArgumentException unless {@code value} is a UUID in its canonical text form; the
     *     shorter or longer groups {@link UUID#fromString} also accepts are refused
     */
    public static RefundId of(String value) {
        return new RefundId(UuidText.parse(value, "refund id"));
    }

    /** Ordered as the UUID's text form is (and as PostgreSQL orders {@code uuid}). */
    @Override
    public int compareTo(RefundId other) {
        return UuidText.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
