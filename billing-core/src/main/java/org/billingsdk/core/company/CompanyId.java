package org.billingsdk.core.company;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a company; immutable.
 *
 * @param value the UUID
 */
public record CompanyId(UUID value) {

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
     * @param value a UUID in its text form; not null
     * @return the id
     * @throws IllegalArgumentException unless {@code value} is a UUID in its text form
     */
    public static CompanyId of(String value) {
        return new CompanyId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
