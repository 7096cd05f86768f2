package org.billingsdk.core.credit;

/**
 * What an immediate cancellation gives back of the period already invoiced. Set with
 * {@code Billing.Builder.cancellationCredit}.
 */
public enum CancellationCredit {
    /** Nothing: the period already invoiced stays invoiced. The default. */
    NONE,
    /**
     * The unused part, pro rata by the second: a credit note against the line that invoiced the
     * period, for the line's amount times the unused time over the period's (rounded once, half-up,
     * see {@code Proration}), capped at what the line still holds, at the line's VAT. On a paid
     * invoice the credit goes to the credit balance; on an unpaid one it reduces what is due.
     */
    PRORATED
}
