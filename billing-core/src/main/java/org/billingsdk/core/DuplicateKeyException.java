package org.billingsdk.core;

/** Thrown by a store when an insert names a key that already exists. */
public final class DuplicateKeyException extends BillingException {

    public DuplicateKeyException(String aggregate, Object id) {
        super("DUPLICATE_KEY", aggregate + " " + id + " already exists");
    }
}
