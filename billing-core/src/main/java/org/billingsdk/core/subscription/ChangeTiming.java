package org.billingsdk.core.subscription;

/**
 * When a change of plan or quantity takes effect; see {@link org.billingsdk.core.change.Change}. Without one, the rules
 * decide: an upgrade (a higher amount per period) or a change of billing interval at once, a
 * downgrade at the end of the period already invoiced, and under a contract a downgrade or a lower
 * quantity at the term's end.
 */
public enum ChangeTiming {
    /**
     * Now. When the current period is invoiced, the change is prorated: one invoice credits the
     * unused time of what was charged and charges the new amount for the rest of the period.
     */
    IMMEDIATE,
    /** At the end of the billing period already invoiced (in a trial, at the trial's end); nothing is prorated. */
    END_OF_PERIOD,
    /**
     * At the end of the contract term, or of the billing period running then when the term ends in
     * mid-period; only under a contract. Nothing is prorated.
     */
    END_OF_TERM
}
