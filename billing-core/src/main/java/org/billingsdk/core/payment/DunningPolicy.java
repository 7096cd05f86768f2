package org.billingsdk.core.payment;

/** What happens to a subscription when the last payment retry of its invoice fails. */
public enum DunningPolicy {
    /** The subscription is cancelled at once (its data erased); the invoice is marked uncollectible. */
    CANCEL_SUBSCRIPTION,
    /** The subscription stays past due and in service; the invoice stays open for a later payment. */
    STAY_PAST_DUE
}
