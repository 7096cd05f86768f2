package org.billingsdk.core.payment;

import java.util.Objects;
import java.util.UUID;

/** Identifies a payment-method set-up session; immutable. */
public record SetupId(UUID value) {

    public SetupId {
        Objects.requireNonNull(value, "SetupId");
    }

    public static SetupId random() {
        return new SetupId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless {@code value} is a UUID in its text form */
    public static SetupId of(String value) {
        return new SetupId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
