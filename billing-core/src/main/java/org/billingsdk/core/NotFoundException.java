package org.billingsdk.core;

/**
 * Thrown when what a request names does not exist, <em>or</em> exists outside the acting
 * company's tree: the two cases are indistinguishable by design (the access rule), so that no one
 * learns what exists beyond their reach.
 */
public final class NotFoundException extends BillingException {

    /** What was looked for. */
    private final String kind;
    /** The identifier that was looked for, as text. */
    private final String id;

    /**
     * For something missing or out of the actor's reach.
     *
     * @param kind what was looked for, lower case: {@code company}, {@code subscription}, {@code plan}, ...
     * @param id the identifier as the request gave it; its {@code toString()} is kept
     */
    public NotFoundException(String kind, Object id) {
        super("NOT_FOUND", kind + " " + id + " not found");
        this.kind = kind;
        this.id = String.valueOf(id);
    }

    /** {@return what was looked for: {@code company}, {@code subscription}, {@code plan}, ...} */
    public String kind() {
        return kind;
    }

    /** {@return the identifier that was looked for, as given} */
    public String id() {
        return id;
    }
}
