package org.billingsdk.core.company;

import java.util.Objects;
import java.util.UUID;
import org.billingsdk.core.UuidText;

/**
 * Identifies a company; immutable. Ordered as the UUID's text form is (and as PostgreSQL orders
 * {@code uuid}), which stores use to page.
 *
 * @param value the UUID
 */
public record CompanyId(UUID value) implements Comparable<CompanyId> {

    /**
     * Checks the value.
     *
     * @param value not null
     */
    public CompanyId {
        Objects.requireNonNull(value, "company id");
    }

    /** {@return a new, random id} */
    public static CompanyId random() {
        return new CompanyId(UUID.randomUUID());
    }

    /**
     * The id written as text, as {@link #toString()} gives it.
     *
     * @param value a UUID in its canonical text form of 36 characters (either case); not null
     * @return the id
     * @throws IllegalArgumentException unless {@code value} is a UUID in its canonical text form; the
     *     shorter or longer groups {@link UUID#fromString} also accepts are refused
     */
    public static CompanyId of(String value) {
        return new CompanyId(UuidText.parse(value, "company id"));
    }

    @Override
    public int compareTo(CompanyId other) {
        return UuidText.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
