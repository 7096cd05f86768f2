package org.billingsdk.core.payment;

import java.util.Objects;
import java.util.UUID;

/** Identifies a payment method; immutable. */
public record PaymentMethodId(UUID value) {

    public PaymentMethodId {
        Objects.requireNonNull(value, "PaymentMethodId");
    }

    public static PaymentMethodId random() {
        return new PaymentMethodId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless {@code value} is a UUID in its text form */
    public static PaymentMethodId of(String value) {
        return new PaymentMethodId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
