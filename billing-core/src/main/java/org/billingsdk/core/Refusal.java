package org.billingsdk.core;

import java.util.Objects;

/**
 * Why a business action was refused: a stable {@link RefusalCode} to branch on and a sentence to
 * show a person.
 *
 * @param code the stable reason, to branch on; not null
 * @param message a sentence in English to show a person; not null, may change between versions
 */
public record Refusal(RefusalCode code, String message) {

    /**
     * Checks the components.
     *
     * @param code the stable reason; not null
     * @param message the sentence to show; not null
     */
    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
