package org.billingsdk.core;

/**
 * Thrown when what a request names does not exist, <em>or</em> exists outside the acting
 * company's tree: the two cases are indistinguishable by design (the access rule), so that no one
 * learns what exists beyond their reach.
 */
public final class NotFoundException extends BillingException {

    private final String kind;
    private final String id;

    public NotFoundException(String kind, Object id) {
        super("NOT_FOUND", kind + " " + id + " not found");
        this.kind = kind;
        this.id = String.valueOf(id);
    }

    /** What was looked for: {@code company}, {@code subscription}, {@code plan}, ... */
    public String kind() {
        return kind;
    }

    /** The identifier that was looked for, as given. */
    public String id() {
        return id;
    }
}
