package org.billingsdk.core;

import java.util.Objects;

/**
 * Why a business action was refused: a stable {@link RefusalCode} to branch on and a sentence to
 * show a person.
 */
public record Refusal(RefusalCode code, String message) {

    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
