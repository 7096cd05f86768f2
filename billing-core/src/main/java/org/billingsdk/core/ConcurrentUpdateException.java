package org.billingsdk.core;

/**
 * Thrown when an aggregate was changed by someone else between reading and writing it: the write
 * was refused so that no update is lost. Operations of {@link Billing} retry a few times on their
 * own before they let this through; a caller may retry the whole operation.
 */
public final class ConcurrentUpdateException extends BillingException {

    /** The kind of aggregate. */
    private final String aggregate;
    /** The aggregate's id, as text. */
    private final String id;
    /** The version the writer had read. */
    private final long expectedVersion;

    /**
     * For a conflict a store detected by comparing versions.
     *
     * @param aggregate the kind of aggregate, lower case: {@code company}, {@code subscription}, ...
     * @param id the aggregate's id; its {@code toString()} is kept
     * @param expectedVersion the version the writer had read
     */
    public ConcurrentUpdateException(String aggregate, Object id, long expectedVersion) {
        this(aggregate, id, expectedVersion, null);
    }

    /**
     * The same, caused by what the storage reported (a unique violation, a serialization failure).
     *
     * @param aggregate the kind of aggregate, lower case: {@code company}, {@code subscription}, ...
     * @param id the aggregate's id; its {@code toString()} is kept
     * @param expectedVersion the version the writer had read
     * @param cause what the storage reported; may be null
     */
    public ConcurrentUpdateException(String aggregate, Object id, long expectedVersion, Throwable cause) {
        super("CONCURRENT_UPDATE", aggregate + " " + id + " was changed concurrently (expected version "
                + expectedVersion + ")", cause);
        this.aggregate = aggregate;
        this.id = String.valueOf(id);
        this.expectedVersion = expectedVersion;
    }

    /** {@return the kind of aggregate: {@code company}, {@code subscription}, ...} */
    public String aggregate() {
        return aggregate;
    }

    /** {@return the id of the aggregate that was changed concurrently, as text} */
    public String id() {
        return id;
    }

    /** {@return the version the writer had read} */
    public long expectedVersion() {
        return expectedVersion;
    }
}
