package org.billingsdk.core;

/**
 * Thrown when the storage fails (a lost connection, a constraint the database enforces, ...).
 * Adapters wrap their own exceptions in it and keep the cause and the operation that failed.
 */
public class StorageException extends BillingException {

    /** The storage operation that failed. */
    private final String operation;

    /**
     * For a storage failure.
     *
     * @param operation the storage operation that failed, such as {@code subscriptions.update}
     * @param message what went wrong, for people
     * @param cause the storage's own exception, such as an {@code SQLException}; may be null
     */
    public StorageException(String operation, String message, Throwable cause) {
        super(ErrorCode.STORAGE_FAILURE, message + " (during " + operation + ")", cause);
        this.operation = operation;
    }

    /** {@return the storage operation that failed, such as {@code subscriptions.update}} */
    public String operation() {
        return operation;
    }
}
