package org.billingsdk.core.invoice;

/**
 * The states of an invoice: {@code DRAFT -> OPEN -> PAID | VOID | UNCOLLECTIBLE}. An invoice gets
 * its number when it leaves {@code DRAFT}; from then on its content never changes.
 */
public enum InvoiceState {
    /** Not finalized: no number, may still change; previews are drafts and are never stored. */
    DRAFT,
    /** Finalized and numbered; awaiting payment. */
    OPEN,
    /** Paid in full. */
    PAID,
    /** Cancelled after issue; keeps its number. A paid invoice cannot be voided. */
    VOID,
    /** Given up on after the last payment retry; keeps its number. */
    UNCOLLECTIBLE;

    /**
     * Whether the invoice is closed: paid, void or uncollectible.
     *
     * @return {@code true} for {@code PAID}, {@code VOID} and {@code UNCOLLECTIBLE}
     */
    public boolean isClosed() {
        return this == PAID || this == VOID || this == UNCOLLECTIBLE;
    }
}
