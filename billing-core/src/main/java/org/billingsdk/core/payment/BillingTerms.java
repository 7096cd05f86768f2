package org.billingsdk.core.payment;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How invoices are collected; immutable.
 *
 * @param paymentTerms how long after issue an invoice is due
 * @param retryDelays when failed payments are retried, counted from the invoice's issue (its first
 *     attempt): the default retries 3, 5 and 7 days after issue; a retry whose time had passed
 *     when the attempt before it failed (a late run, a slow SEPA decline) is made a day later
 * @param afterLastFailure what happens when the last retry fails
 */
public record BillingTerms(Duration paymentTerms, List<Duration> retryDelays, DunningPolicy afterLastFailure) {

    public BillingTerms {
        Objects.requireNonNull(paymentTerms, "paymentTerms");
        retryDelays = List.copyOf(retryDelays);
        Objects.requireNonNull(afterLastFailure, "afterLastFailure");
        if (paymentTerms.isNegative()) {
            throw new IllegalArgumentException("payment terms cannot be negative");
        }
        Duration previous = Duration.ZERO;
        for (Duration delay : retryDelays) {
            if (delay.compareTo(previous) <= 0) {
                throw new IllegalArgumentException("retry delays are positive and increasing, counted from the issue");
            }
            previous = delay;
        }
    }

    /** Due 14 days after issue; retries after 3, 5 and 7 days; then the subscription stays past due. */
    public static BillingTerms defaults() {
        return new BillingTerms(Duration.ofDays(14),
                List.of(Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7)), DunningPolicy.STAY_PAST_DUE);
    }

    public BillingTerms withRetryDelays(List<Duration> delays) {
        return new BillingTerms(paymentTerms, delays, afterLastFailure);
    }

    public BillingTerms withAfterLastFailure(DunningPolicy policy) {
        return new BillingTerms(paymentTerms, retryDelays, policy);
    }

    public BillingTerms withPaymentTerms(Duration terms) {
        return new BillingTerms(terms, retryDelays, afterLastFailure);
    }
}
