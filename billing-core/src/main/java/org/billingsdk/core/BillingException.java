package org.billingsdk.core;

import java.util.Objects;

/**
 * The root of the SDK's unchecked exceptions: a real failure, not a business refusal (those come
 * back as values, see {@link Refusal}).
 *
 * <p>Every subclass carries a stable {@link #code() code} that a host may branch on and that does
 * not change between versions; the message is for people and may change.
 */
public abstract class BillingException extends RuntimeException {

    private final String code;

    protected BillingException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    protected BillingException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** A stable, upper-case code such as {@code NOT_FOUND} or {@code INVALID_INPUT}. */
    public String code() {
        return code;
    }
}
