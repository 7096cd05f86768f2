package org.billingsdk.core;

import java.util.Objects;

/**
 * One problem with one input field.
 *
 * @param field the path of the field in the input, such as {@code billingAddress.country}
 * @param message what is wrong, as a sentence fragment such as {@code must not be blank}
 */
public record Violation(String field, String message) implements Comparable<Violation> {

    /**
     * Checks the components.
     *
     * @param field the path of the field; not null
     * @param message what is wrong; not null
     */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public int compareTo(Violation other) {
        int byField = field.compareTo(other.field);
        return byField != 0 ? byField : message.compareTo(other.message);
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
