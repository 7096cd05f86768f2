package org.billingsdk.core;

/** Thrown by a store when an insert names a key that already exists. */
public final class DuplicateKeyException extends BillingException {

    /**
     * For an insert whose key is taken.
     *
     * @param aggregate what was inserted, lower case: {@code company}, {@code plan}, {@code invoice number}, ...
     * @param id the key that already exists; its {@code toString()} goes into the message
     */
    public DuplicateKeyException(String aggregate, Object id) {
        super("DUPLICATE_KEY", aggregate + " " + id + " already exists");
    }
}
