package org.billingsdk.core.subscription;

/**
 * The state of a subscription. A scheduled cancellation is not a state: the subscription keeps
 * its state and its service until the cancellation's date.
 */
public enum SubscriptionState {
    /** In a free trial; nothing is invoiced until it ends. */
    TRIALING,
    /** Paid and in service. */
    ACTIVE,
    /** A payment failed; in service while it is retried. */
    PAST_DUE,
    /** Ended for good; it never changes again (reactivating makes a new subscription). */
    CANCELLED
}
