package org.billingsdk.core.subscription;

import java.util.Objects;

/**
 * Identifies a product environment, as the environments port named it when it provisioned it:
 * 1 to 200 printable characters; immutable.
 */
public record EnvironmentId(String value) {

    public EnvironmentId {
        Objects.requireNonNull(value, "environment id");
        if (value.isBlank() || value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("environment id must be 1 to 200 printable characters");
        }
    }

    public static EnvironmentId of(String value) {
        return new EnvironmentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
