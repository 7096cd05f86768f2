package org.billingsdk.core;

/**
 * Thrown when what a request names does not exist, <em>or</em> exists outside the acting
 * company's tree: the two cases are indistinguishable by design (the access rule), so that no one
 * learns what exists beyond their reach.
 */
public final class NotFoundException extends BillingException {

    /** What was looked for. */
    private final EntityKind kind;
    /** The identifier that was looked for, as text. */
    private final String id;

    /**
     * For something missing or out of the actor's reach.
     *
     * @param kind what was looked for; not null
     * @param id the identifier as the request gave it; its {@code toString()} is kept
     */
    public NotFoundException(EntityKind kind, Object id) {
        super(ErrorCode.NOT_FOUND, kind.label() + " " + id + " not found");
        this.kind = kind;
        this.id = String.valueOf(id);
    }

    /** {@return what was looked for} */
    public EntityKind kind() {
        return kind;
    }

    /** {@return the identifier that was looked for, as given} */
    public String id() {
        return id;
    }
}
