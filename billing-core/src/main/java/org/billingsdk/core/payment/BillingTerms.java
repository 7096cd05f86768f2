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

    /**
     * Checks the terms.
     *
     * @param paymentTerms not {@code null} nor negative; zero makes invoices due at issue
     * @param retryDelays positive and strictly increasing; copied; empty for no retry
     * @param afterLastFailure not {@code null}
     * @throws IllegalArgumentException if the payment terms are negative or the delays do not
     *     increase from above zero
     * @throws NullPointerException if a component or a delay is {@code null}
     */
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

    /**
     * Due 14 days after issue; retries after 3, 5 and 7 days; then the subscription stays past due.
     *
     * @return the default terms
     */
    public static BillingTerms defaults() {
        return new BillingTerms(Duration.ofDays(14),
                List.of(Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7)), DunningPolicy.STAY_PAST_DUE);
    }

    /**
     * These terms with other retry delays.
     *
     * @param delays counted from the invoice's issue, positive and strictly increasing; empty for
     *     no retry
     * @return the new terms
     * @throws IllegalArgumentException if the delays do not increase from above zero
     */
    public BillingTerms withRetryDelays(List<Duration> delays) {
        return new BillingTerms(paymentTerms, delays, afterLastFailure);
    }

    /**
     * These terms with another policy for when the last retry fails.
     *
     * @param policy cancel the subscription, or leave it past due
     * @return the new terms
     */
    public BillingTerms withAfterLastFailure(DunningPolicy policy) {
        return new BillingTerms(paymentTerms, retryDelays, policy);
    }

    /**
     * These terms with another time to pay.
     *
     * @param terms how long after issue an invoice is due; zero or more
     * @return the new terms
     * @throws IllegalArgumentException if {@code terms} is negative
     */
    public BillingTerms withPaymentTerms(Duration terms) {
        return new BillingTerms(terms, retryDelays, afterLastFailure);
    }
}
