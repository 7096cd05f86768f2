package org.billingsdk.core.payment;

import java.time.Duration;
import java.time.Instant;
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

    /** How long after an unknown outcome (a lost answer, a time-out) the attempt is reconciled under its key. */
    public static final Duration RECONCILE_UNKNOWN_AFTER = Duration.ofHours(1);

    /** How long after a pending outcome (a SEPA debit on its way) the provider is asked again. */
    public static final Duration ASK_PENDING_AGAIN_AFTER = Duration.ofDays(1);

    /** How long after a decline a retry is made whose scheduled time had already passed. */
    public static final Duration LATE_RETRY_AFTER = Duration.ofDays(1);

    /**
     * What follows the decline of attempt {@code attempt} of an invoice issued at
     * {@code issuedAt}, declined at {@code now}: the retry that attempt's delay schedules, counted
     * from the issue (a day after {@code now} when that time has passed already), or, once the
     * delays are used up, the policy after the last failure.
     *
     * @param attempt the declined attempt, 1 for the first
     * @param issuedAt when the invoice was issued; not null
     * @param now when the decline is recorded; not null
     * @return the retry, or giving up, or staying past due
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public Dunning afterDecline(int attempt, Instant issuedAt, Instant now) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1");
        }
        if (attempt <= retryDelays.size()) {
            Instant scheduled = issuedAt.plus(retryDelays.get(attempt - 1));
            return new Dunning.RetryAt(scheduled.isAfter(now) ? scheduled : now.plus(LATE_RETRY_AFTER));
        }
        return afterLastFailure == DunningPolicy.CANCEL_SUBSCRIPTION ? new Dunning.GiveUp() : new Dunning.StayPastDue();
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
