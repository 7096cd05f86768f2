package org.billingsdk.core.subscription;

import java.time.Instant;
import java.util.Objects;
import org.billingsdk.core.Refusal;

/** What a cancellation request did. */
public sealed interface CancelResult {

    /** {@return the subscription the request named} */
    SubscriptionId subscriptionId();

    /**
     * The cancellation takes effect later (the trial's end, the contract term's end, or the end of
     * the billing period); the subscription keeps its service until then.
     *
     * @param subscriptionId the subscription
     * @param effectiveOn when it takes effect
     * @param alreadyScheduled whether it was scheduled before this request (nothing changed)
     * @param droppedChange the change of plan or quantity that was scheduled and the cancellation
     *     dropped, or {@code null}
     */
    record Scheduled(SubscriptionId subscriptionId, Instant effectiveOn, boolean alreadyScheduled,
            ScheduledChange droppedChange) implements CancelResult {
        /**
         * Checks the components.
         *
         * @param subscriptionId not null
         * @param effectiveOn not null
         * @param alreadyScheduled whether nothing changed
         * @param droppedChange may be null
         */
        public Scheduled {
            Objects.requireNonNull(subscriptionId);
            Objects.requireNonNull(effectiveOn);
        }

        /**
         * A scheduled cancellation that dropped no change.
         *
         * @param subscriptionId not null
         * @param effectiveOn not null
         * @param alreadyScheduled whether nothing changed
         */
        public Scheduled(SubscriptionId subscriptionId, Instant effectiveOn, boolean alreadyScheduled) {
            this(subscriptionId, effectiveOn, alreadyScheduled, null);
        }
    }

    /**
     * The cancellation took effect at once.
     *
     * @param subscriptionId the subscription, now cancelled
     * @param effectiveAt when it took effect: the time of the request
     * @param erasure {@link ErasureStatus#CONFIRMED} when the environments port erased the data
     *     during the request, {@link ErasureStatus#PENDING} when it will be retried by the billing run
     * @param droppedChange the change of plan or quantity that was scheduled and the cancellation
     *     dropped, or {@code null}
     */
    record Cancelled(SubscriptionId subscriptionId, Instant effectiveAt, ErasureStatus erasure,
            ScheduledChange droppedChange) implements CancelResult {
        /**
         * Checks the components.
         *
         * @param subscriptionId not null
         * @param effectiveAt not null
         * @param erasure {@code PENDING} or {@code CONFIRMED}; not null
         * @param droppedChange may be null
         */
        public Cancelled {
            Objects.requireNonNull(subscriptionId);
            Objects.requireNonNull(effectiveAt);
            Objects.requireNonNull(erasure);
        }

        /**
         * A cancellation that dropped no change.
         *
         * @param subscriptionId not null
         * @param effectiveAt not null
         * @param erasure not null
         */
        public Cancelled(SubscriptionId subscriptionId, Instant effectiveAt, ErasureStatus erasure) {
            this(subscriptionId, effectiveAt, erasure, null);
        }
    }

    /**
     * Nothing changed, for the reason given.
     *
     * @param subscriptionId the subscription
     * @param reason why the request was refused
     */
    record Refused(SubscriptionId subscriptionId, Refusal reason) implements CancelResult {
        /**
         * Checks the components.
         *
         * @param subscriptionId not null
         * @param reason not null
         */
        public Refused {
            Objects.requireNonNull(subscriptionId);
            Objects.requireNonNull(reason);
        }
    }
}
