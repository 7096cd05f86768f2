package org.billingsdk.core;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Thrown when an aggregate was changed by someone else between reading and writing it: the write
 * was refused so that no update is lost. Operations of {@link Billing} retry a few times on their
 * own before they let this through; a caller may retry the whole operation.
 */
public final class ConcurrentUpdateException extends BillingException {

    /** The kind of what was changed concurrently, when known. */
    private final EntityKind kind;
    /** Its id, as text, when known. */
    private final String id;
    /** The version the writer had read, when known. */
    private final Long expectedVersion;

    /**
     * For a conflict a store detected by comparing versions.
     *
     * @param kind what was changed concurrently; not null
     * @param id its id; its {@code toString()} is kept
     * @param expectedVersion the version the writer had read
     */
    public ConcurrentUpdateException(EntityKind kind, Object id, long expectedVersion) {
        this(kind, id, expectedVersion, null);
    }

    /**
     * The same, caused by what the storage reported (a unique violation, say).
     *
     * @param kind what was changed concurrently; not null
     * @param id its id; its {@code toString()} is kept
     * @param expectedVersion the version the writer had read
     * @param cause what the storage reported; may be null
     */
    public ConcurrentUpdateException(EntityKind kind, Object id, long expectedVersion, Throwable cause) {
        super(ErrorCode.CONCURRENT_UPDATE, kind.label() + " " + id + " was changed concurrently (expected version "
                + expectedVersion + ")", cause);
        this.kind = kind;
        this.id = String.valueOf(id);
        this.expectedVersion = expectedVersion;
    }

    /**
     * For a conflict the database reported without naming a row (a serialization failure, a
     * deadlock): what it was about is not known.
     *
     * @param operation the storage operation that lost, such as {@code subscriptions.updateAll}
     * @param cause what the database reported; not null
     */
    public ConcurrentUpdateException(String operation, Throwable cause) {
        super(ErrorCode.CONCURRENT_UPDATE, "a concurrent transaction conflicted with " + operation, cause);
        this.kind = null;
        this.id = null;
        this.expectedVersion = null;
    }

    /** {@return what was changed concurrently, or empty when the database did not say} */
    public Optional<EntityKind> kind() {
        return Optional.ofNullable(kind);
    }

    /** {@return the id of what was changed concurrently, as text, or empty when the database did not say} */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** {@return the version the writer had read, or empty when the database did not say} */
    public OptionalLong expectedVersion() {
        return expectedVersion == null ? OptionalLong.empty() : OptionalLong.of(expectedVersion);
    }
}
