package org.billingsdk.core.company;

import java.util.Objects;
import java.util.UUID;

/** Identifies a company; immutable. */
public record CompanyId(UUID value) {

    public CompanyId {
        Objects.requireNonNull(value, "company id");
    }

    public static CompanyId random() {
        return new CompanyId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless {@code value} is a UUID in its text form */
    public static CompanyId of(String value) {
        return new CompanyId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
