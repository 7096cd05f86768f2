package org.billingsdk.core;

/**
 * Thrown when an aggregate was changed by someone else between reading and writing it: the write
 * was refused so that no update is lost. Operations of {@link Billing} retry a few times on their
 * own before they let this through; a caller may retry the whole operation.
 */
public final class ConcurrentUpdateException extends BillingException {

    private final String aggregate;
    private final String id;
    private final long expectedVersion;

    public ConcurrentUpdateException(String aggregate, Object id, long expectedVersion) {
        this(aggregate, id, expectedVersion, null);
    }

    /** The same, caused by what the storage reported (a unique violation, a serialization failure). */
    public ConcurrentUpdateException(String aggregate, Object id, long expectedVersion, Throwable cause) {
        super("CONCURRENT_UPDATE", aggregate + " " + id + " was changed concurrently (expected version "
                + expectedVersion + ")", cause);
        this.aggregate = aggregate;
        this.id = String.valueOf(id);
        this.expectedVersion = expectedVersion;
    }

    /** The kind of aggregate: {@code company}, {@code subscription}, ... */
    public String aggregate() {
        return aggregate;
    }

    public String id() {
        return id;
    }

    /** The version the writer had read. */
    public long expectedVersion() {
        return expectedVersion;
    }
}
