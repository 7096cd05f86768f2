package org.billingsdk.core.subscription;

/**
 * When a cancellation without a trial or running contract takes effect (a trial always ends at its
 * end, a contract at its term's end). Kill Bill calls these IMMEDIATE and END_OF_TERM.
 */
public enum CancellationTiming {
    /** At once: service stops and the data is erased now. The default. */
    IMMEDIATE,
    /** At the end of the current billing period, already paid for. */
    END_OF_BILLING_PERIOD
}
