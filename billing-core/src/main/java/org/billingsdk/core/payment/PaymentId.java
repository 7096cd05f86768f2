package org.billingsdk.core.payment;

import java.util.Objects;
import java.util.UUID;

/** Identifies a payment transaction (one attempt to charge an invoice); immutable. */
public record PaymentId(UUID value) {

    public PaymentId {
        Objects.requireNonNull(value, "PaymentId");
    }

    public static PaymentId random() {
        return new PaymentId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless {@code value} is a UUID in its text form */
    public static PaymentId of(String value) {
        return new PaymentId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
