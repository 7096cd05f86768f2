package org.billingsdk.core;

/** Thrown by a store when an insert names a key that already exists. */
public final class DuplicateKeyException extends BillingException {

    /** What was inserted. */
    private final EntityKind kind;

    /**
     * For an insert whose key is taken.
     *
     * @param kind what was inserted; not null
     * @param key the key that already exists; its {@code toString()} goes into the message
     */
    public DuplicateKeyException(EntityKind kind, Object key) {
        super(ErrorCode.DUPLICATE_KEY, kind.label() + " " + key + " already exists");
        this.kind = kind;
    }

    /** {@return what was inserted} */
    public EntityKind kind() {
        return kind;
    }
}
