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

    /** The stable code, as {@link #code()} returns it. */
    private final ErrorCode code;

    /**
     * For a failure with a cause.
     *
     * @param code the stable code of the failure; not null
     * @param message what failed, for people
     * @param cause the exception that caused it, kept for the stack trace; may be null
     */
    protected BillingException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * For a failure the SDK detected itself.
     *
     * @param code the stable code of the failure; not null
     * @param message what failed, for people
     */
    protected BillingException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** {@return the stable code, such as {@link ErrorCode#NOT_FOUND}, to branch on} */
    public ErrorCode code() {
        return code;
    }
}
