package org.billingsdk.core.payment;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What follows a declined payment attempt, as {@link BillingTerms#afterDecline} decides it: a
 * retry at a time, or, once the retries are used up, what the {@link DunningPolicy} says. Unless
 * the dunning gives up (and cancels them), the subscriptions the invoice bills are past due until
 * it is settled. Immutable.
 */
public sealed interface Dunning {

    /** {@return when the invoice is charged again, or empty when it is not} */
    Optional<Instant> nextAttempt();

    /**
     * The invoice is charged again at {@code at}, under a new attempt.
     *
     * @param at when: the retry delay counted from the invoice's issue, or a day after the decline
     *     when that time has passed already
     */
    record RetryAt(Instant at) implements Dunning {

        /**
         * Checks the time.
         *
         * @param at not null
         */
        public RetryAt {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public Optional<Instant> nextAttempt() {
            return Optional.of(at);
        }
    }

    /**
     * The retries are used up (none may be configured) and the policy gives up: the invoice is
     * uncollectible, its subscriptions cancelled.
     */
    record GiveUp() implements Dunning {

        @Override
        public Optional<Instant> nextAttempt() {
            return Optional.empty();
        }
    }

    /**
     * The retries are used up (none may be configured) and the policy waits: the invoice stays open
     * for a payment the customer makes later, its subscriptions past due and in service.
     */
    record StayPastDue() implements Dunning {

        @Override
        public Optional<Instant> nextAttempt() {
            return Optional.empty();
        }
    }
}
