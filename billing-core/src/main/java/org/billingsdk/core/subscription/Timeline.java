package org.billingsdk.core.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.billingsdk.core.catalog.PlanId;

/**
 * What time brings to a subscription up to an instant, in the order it happens:
 * {@link Subscription#advanceTo}'s answer. Nothing is written by making one; the SDK stores
 * {@link #after()}, issues an invoice for each {@link PeriodStarted} (at the plan and quantity in
 * force then: a {@link ChangeTookEffect} before it changes them) and records an event for each
 * other step. Immutable.
 *
 * @param before the subscription as it was
 * @param after the subscription once every step is applied; {@code before} itself when nothing was due
 * @param steps what happened, oldest first; empty when nothing was due
 */
public record Timeline(Subscription before, Subscription after, List<Step> steps) {

    /**
     * Keeps an unmodifiable copy of the steps.
     *
     * @param before not null
     * @param after not null
     * @param steps not null
     */
    public Timeline {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        steps = List.copyOf(steps);
    }

    /** One thing that happened to the subscription, at its instant. */
    public sealed interface Step {

        /** {@return when it happened} */
        Instant at();
    }

    /**
     * The trial ended: the subscription is active from then on, and its first paid period starts.
     *
     * @param at the trial's end
     */
    public record TrialEnded(Instant at) implements Step {
    }

    /**
     * The contract term ended without a cancellation and renewed for the same term.
     *
     * @param at the end of the term that ended
     * @param newEnd the end of the new term
     */
    public record ContractRenewed(Instant at, Instant newEnd) implements Step {
    }

    /**
     * A billing period started: it is invoiced in advance.
     *
     * @param at the period's start
     * @param end the period's end, one billing interval later counted from the anchor; for the
     *     first period aligned to a payer's billing day, that day
     * @param wholeStart where the whole period that ends at {@code end} starts: {@code at} itself,
     *     unless this is the first, partial period of an alignment to a billing day, which is
     *     prorated over the whole one (as a change is)
     */
    public record PeriodStarted(Instant at, Instant end, Instant wholeStart) implements Step {

        /**
         * @param at not null
         * @param end after {@code at}
         * @param wholeStart at or before {@code at}
         * @throws IllegalArgumentException if the instants are out of order
         */
        public PeriodStarted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(wholeStart, "wholeStart");
            if (!end.isAfter(at) || wholeStart.isAfter(at)) {
                throw new IllegalArgumentException("a period ends after it starts, and starts within its whole");
            }
        }

        /**
         * A whole period from {@code at} to {@code end}.
         *
         * @param at not null
         * @param end after {@code at}
         */
        public PeriodStarted(Instant at, Instant end) {
            this(at, end, at);
        }

        /** {@return whether it is the partial first period of an alignment, prorated over {@link #wholeStart()}} */
        public boolean isPartial() {
            return !wholeStart.equals(at);
        }
    }

    /**
     * The scheduled cancellation took effect: the subscription is cancelled and its data is to be
     * erased. It wins over a trial's end, a renewal or a period starting at the same instant.
     *
     * @param at the date it was scheduled for
     */
    public record CancellationTookEffect(Instant at) implements Step {
    }

    /**
     * A scheduled change of plan or quantity took effect, before anything else that happens at the
     * same instant: the period starting then is invoiced on the new plan and quantity.
     *
     * @param at its date
     * @param fromPlan the plan until then
     * @param fromQuantity the quantity until then
     * @param change what it changed to
     */
    public record ChangeTookEffect(Instant at, PlanId fromPlan, int fromQuantity, ScheduledChange change)
            implements Step {
    }

    /** {@return whether anything was due} */
    public boolean changed() {
        return !steps.isEmpty();
    }

    /** {@return the billing periods that started, oldest first: one invoice each} */
    public List<PeriodStarted> periodsStarted() {
        return steps.stream().filter(PeriodStarted.class::isInstance).map(PeriodStarted.class::cast).toList();
    }

    /** {@return how many trials ended: 0 or 1} */
    public int trialsEnded() {
        return (int) steps.stream().filter(TrialEnded.class::isInstance).count();
    }

    /** {@return how many contract terms renewed} */
    public int renewals() {
        return (int) steps.stream().filter(ContractRenewed.class::isInstance).count();
    }

    /** {@return whether the scheduled cancellation took effect} */
    public boolean cancelled() {
        return !steps.isEmpty() && steps.get(steps.size() - 1) instanceof CancellationTookEffect;
    }
}
