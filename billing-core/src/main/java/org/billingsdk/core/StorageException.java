package org.billingsdk.core;

/**
 * Thrown when the storage fails (a lost connection, a constraint the database enforces, ...).
 * Adapters wrap their own exceptions in it and keep the cause and the operation that failed.
 */
public class StorageException extends BillingException {

    private final String operation;

    public StorageException(String operation, String message, Throwable cause) {
        super("STORAGE_FAILURE", message + " (during " + operation + ")", cause);
        this.operation = operation;
    }

    /** The storage operation that failed, such as {@code subscriptions.update}. */
    public String operation() {
        return operation;
    }
}
