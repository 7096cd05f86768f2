package org.billingsdk.core.payment;

import java.util.Objects;
import java.util.UUID;
import org.billingsdk.core.UuidText;

/**
 * Identifies a payment transaction (one attempt to charge an invoice); immutable.
 *
 * @param value the UUID; its text form is the id's text form
 */
public record PaymentId(UUID value) {

    /**
     * Checks that the UUID is given.
     *
     * @param value not {@code null}
     * @throws NullPointerException if it is {@code null}
     */
    public PaymentId {
        Objects.requireNonNull(value, "PaymentId");
    }

    /**
     * A new id.
     *
     * @return an id from a random (version 4) UUID
     */
    public static PaymentId random() {
        return new PaymentId(UUID.randomUUID());
    }

    /**
     * The id with the given text form, as {@link #toString()} writes it.
     *
     * @param value a UUID in its text form, such as {@code 0b5e3f4c-6d1a-4f43-9a55-2c9d0e1f7a21}
     * @return the id
     * @throws IllegalArgumentException unless {@code value} is a UUID in its canonical text form; the
     *     shorter or longer groups {@link UUID#fromString} also accepts are refused
     */
    public static PaymentId of(String value) {
        return new PaymentId(UuidText.parse(value, "payment id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
