package org.billingsdk.core.subscription;

import java.util.Objects;

/**
 * Identifies a product environment, as the environments port named it when it provisioned it:
 * 1 to 200 printable characters; immutable.
 *
 * @param value the environments port's name for it
 */
public record EnvironmentId(String value) {

    /**
     * Checks the value.
     *
     * @param value 1 to 200 characters, not blank, no control characters
     * @throws IllegalArgumentException if it is blank, too long or holds a control character
     */
    public EnvironmentId {
        Objects.requireNonNull(value, "environment id");
        if (value.isBlank() || value.length() > 200 || hasControlCharacter(value)) {
            throw new IllegalArgumentException("environment id must be 1 to 200 printable characters");
        }
    }

    /** A plain loop rather than a stream: stores make an id for every subscription row they read. */
    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Same as the constructor.
     *
     * @param value 1 to 200 characters, not blank, no control characters
     * @return the id
     * @throws IllegalArgumentException if it is blank, too long or holds a control character
     */
    public static EnvironmentId of(String value) {
        return new EnvironmentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
