package org.billingsdk.core.subscription;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.CompanyId;

/**
 * A company's subscription to a plan, with the rules of its lifecycle; immutable and thread-safe.
 * Every transition returns a new instance and leaves this one as it was; storage keeps the
 * {@link #version() version} so that a concurrent change is refused, never lost.
 *
 * <p>Days and months are counted in UTC (see {@link #start}).
 *
 * @param id its identifier
 * @param companyId the subscribing company
 * @param planId the plan it is on
 * @param state trialing, active, past due or cancelled
 * @param environmentId the product environment provisioned for it
 * @param startedAt when it was created
 * @param billingAnchor when the first paid period starts (the trial's end, or {@code startedAt});
 *     periods and contract terms are counted from it
 * @param trialEnd when the trial ends, or {@code null} without a trial
 * @param contractEnd when the current contract term ends, or {@code null} without a contract
 * @param paidThrough the end of the last billing period invoiced, or {@code null} before the first
 * @param cancelAt the date a scheduled (or applied) cancellation takes effect, or {@code null}
 * @param cancelledAt when the cancellation took effect, or {@code null} while not cancelled
 * @param erasure whether the linked data is erased
 * @param erasedAt when the environments port confirmed the erasure, or {@code null}
 * @param previousId the cancelled subscription this one reactivated, or {@code null}
 * @param successorId the subscription that reactivated this one, or {@code null}
 * @param version the storage version, 0 before it is first stored
 */
public record Subscription(
        SubscriptionId id,
        CompanyId companyId,
        PlanId planId,
        SubscriptionState state,
        EnvironmentId environmentId,
        Instant startedAt,
        Instant billingAnchor,
        Instant trialEnd,
        Instant contractEnd,
        Instant paidThrough,
        Instant cancelAt,
        Instant cancelledAt,
        ErasureStatus erasure,
        Instant erasedAt,
        SubscriptionId previousId,
        SubscriptionId successorId,
        long version) {

    /**
     * Checks that the components are consistent; stores use it to load a subscription, operations
     * make new ones through {@link #start} and the transitions.
     *
     * @param id not null
     * @param companyId not null
     * @param planId not null
     * @param state not null
     * @param environmentId not null
     * @param startedAt not null
     * @param billingAnchor not null
     * @param trialEnd {@code null} without a trial
     * @param contractEnd {@code null} without a contract
     * @param paidThrough {@code null} before the first invoice
     * @param cancelAt {@code null} unless a cancellation is scheduled or applied
     * @param cancelledAt set exactly when the state is {@code CANCELLED}
     * @param erasure {@code NOT_REQUESTED} exactly when the state is not {@code CANCELLED}
     * @param erasedAt set exactly when the erasure is {@code CONFIRMED}
     * @param previousId {@code null} unless it is a reactivation
     * @param successorId {@code null} unless it was reactivated
     * @param version the storage version
     * @throws IllegalArgumentException if the state, the cancellation time and the erasure disagree
     */
    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(billingAnchor, "billingAnchor");
        Objects.requireNonNull(erasure, "erasure");
        if ((state == SubscriptionState.CANCELLED) != (cancelledAt != null)) {
            throw new IllegalArgumentException("a subscription has a cancellation time exactly when it is cancelled");
        }
        if ((state == SubscriptionState.CANCELLED) == (erasure == ErasureStatus.NOT_REQUESTED)) {
            throw new IllegalArgumentException("erasure is requested exactly when a subscription is cancelled");
        }
        if ((erasure == ErasureStatus.CONFIRMED) != (erasedAt != null)) {
            throw new IllegalArgumentException("an erasure time is kept exactly when the erasure is confirmed");
        }
    }

    /**
     * A new subscription to {@code plan} starting at {@code now}. With a trial, the trial of N days
     * ends at the start (00:00 UTC) of the N-th day after today and the first paid period starts
     * then; a contract term starts with the first paid period.
     *
     * @param id the new subscription's id
     * @param companyId the subscribing company
     * @param plan the plan, whose trial and contract term apply
     * @param environment the environment provisioned for it
     * @param now when it starts
     * @param withTrial whether the plan's trial applies (a reactivation has none)
     * @param previous the cancelled subscription this one reactivates, or {@code null}
     * @return the subscription, trialing or active, at version 0 (not stored yet)
     */
    public static Subscription start(SubscriptionId id, CompanyId companyId, Plan plan, EnvironmentId environment,
            Instant now, boolean withTrial, SubscriptionId previous) {
        boolean trial = withTrial && plan.hasTrial();
        Instant trialEnd = trial ? Periods.startOfDayPlusDays(now, plan.trialDays()) : null;
        Instant anchor = trial ? trialEnd : now;
        Instant contractEnd = plan.hasContract() ? Periods.plusMonths(anchor, plan.contractMonths()) : null;
        return new Subscription(id, companyId, plan.id(), trial ? SubscriptionState.TRIALING : SubscriptionState.ACTIVE,
                environment, now, anchor, trialEnd, contractEnd, null, null, null, ErasureStatus.NOT_REQUESTED, null,
                previous, null, 0);
    }

    /** {@return whether it is cancelled, for good} */
    public boolean isCancelled() {
        return state == SubscriptionState.CANCELLED;
    }

    /**
     * Whether the trial is running at {@code now}.
     *
     * @param now the time asked about
     * @return true while trialing and before the trial's end
     */
    public boolean inTrialAt(Instant now) {
        return state == SubscriptionState.TRIALING && trialEnd != null && trialEnd.isAfter(now);
    }

    /**
     * Whether a contract term is running at {@code now}.
     *
     * @param now the time asked about
     * @return true before the current contract term's end
     */
    public boolean underContractAt(Instant now) {
        return contractEnd != null && contractEnd.isAfter(now);
    }

    /** {@return the date a cancellation is scheduled for, or empty when none is or it has taken effect} */
    public Optional<Instant> scheduledCancellation() {
        return isCancelled() ? Optional.empty() : Optional.ofNullable(cancelAt);
    }

    /**
     * What cancelling at {@code now} means, without changing anything: in a trial, at the trial's
     * end; under a contract, at the term's end; otherwise as {@code timing} says. An already
     * scheduled cancellation answers its date again; a cancelled subscription is refused.
     *
     * @param now the time of the request
     * @param erasureAnswer the caller's answer; anything but {@code ACKNOWLEDGED} is refused
     * @param timing the configured timing, for a subscription in neither a trial nor a contract
     * @param periodMonths the length of the plan's billing period, for
     *     {@link CancellationTiming#END_OF_BILLING_PERIOD}
     * @return scheduled (with the date), cancelled at {@code now} with its erasure pending, or refused
     *     ({@code ALREADY_CANCELLED}, {@code ERASURE_NOT_ACKNOWLEDGED})
     */
    public CancelResult decideCancel(Instant now, DataErasure erasureAnswer, CancellationTiming timing,
            int periodMonths) {
        if (isCancelled()) {
            return new CancelResult.Refused(id, new Refusal(RefusalCode.ALREADY_CANCELLED,
                    "Subscription " + id + " is already cancelled."));
        }
        if (erasureAnswer != DataErasure.ACKNOWLEDGED) {
            return new CancelResult.Refused(id, new Refusal(RefusalCode.ERASURE_NOT_ACKNOWLEDGED,
                    "Cancelling permanently removes all data linked to the subscription; acknowledge this to cancel."));
        }
        if (cancelAt != null) {
            return new CancelResult.Scheduled(id, cancelAt, true);
        }
        if (inTrialAt(now)) {
            return new CancelResult.Scheduled(id, trialEnd, false);
        }
        if (underContractAt(now)) {
            return new CancelResult.Scheduled(id, contractEnd, false);
        }
        if (timing == CancellationTiming.END_OF_BILLING_PERIOD) {
            Instant periodEnd = now.isBefore(billingAnchor)
                    ? billingAnchor
                    : Periods.nextBoundaryAfter(billingAnchor, periodMonths, now);
            return new CancelResult.Scheduled(id, periodEnd, false);
        }
        return new CancelResult.Cancelled(id, now, ErasureStatus.PENDING);
    }

    /**
     * This subscription with a cancellation scheduled for {@code date}.
     *
     * @param date when the cancellation takes effect, as {@link #decideCancel} decided
     * @return the changed copy
     * @throws IllegalStateException if it is cancelled
     */
    public Subscription scheduleCancellation(Instant date) {
        requireNotCancelled();
        return copy().cancelAt(date).build();
    }

    /**
     * Whether the scheduled cancellation can be removed at {@code now}: only while one is scheduled
     * and its date has not come.
     *
     * @param now the time of the request
     * @return the refusal ({@code ALREADY_CANCELLED}, {@code NOTHING_SCHEDULED} or
     *     {@code CANCELLATION_DUE}), or empty when it can be removed
     */
    public Optional<Refusal> refusalToRemoveCancellation(Instant now) {
        if (isCancelled()) {
            return Optional.of(new Refusal(RefusalCode.ALREADY_CANCELLED,
                    "Subscription " + id + " is already cancelled; reactivate it instead."));
        }
        if (cancelAt == null) {
            return Optional.of(new Refusal(RefusalCode.NOTHING_SCHEDULED,
                    "Subscription " + id + " has no scheduled cancellation."));
        }
        if (!cancelAt.isAfter(now)) {
            return Optional.of(new Refusal(RefusalCode.CANCELLATION_DUE,
                    "The cancellation of subscription " + id + " took effect on " + cancelAt + "."));
        }
        return Optional.empty();
    }

    /**
     * This subscription without its scheduled cancellation; service continues as before.
     *
     * @return the changed copy
     * @throws IllegalStateException if it is cancelled
     */
    public Subscription withoutScheduledCancellation() {
        requireNotCancelled();
        return copy().cancelAt(null).build();
    }

    /**
     * This subscription cancelled with effect at {@code at}; its data is now to be erased.
     *
     * @param at when the cancellation takes effect
     * @return the cancelled copy, its erasure pending
     * @throws IllegalStateException if it is cancelled already
     */
    public Subscription cancelledAt(Instant at) {
        requireNotCancelled();
        return copy().state(SubscriptionState.CANCELLED).cancelAt(at).cancelledAt(at)
                .erasure(ErasureStatus.PENDING).build();
    }

    /**
     * This cancelled subscription with its erasure confirmed at {@code at}.
     *
     * @param at when the environments port confirmed the erasure
     * @return the changed copy
     * @throws IllegalStateException if no erasure is pending
     */
    public Subscription erasureConfirmedAt(Instant at) {
        if (erasure != ErasureStatus.PENDING) {
            throw new IllegalStateException("subscription " + id + " has no erasure pending");
        }
        return copy().erasure(ErasureStatus.CONFIRMED).erasedAt(at).build();
    }

    /**
     * This subscription after its trial ended: active from the trial's end.
     *
     * @return the active copy
     * @throws IllegalStateException if it is not trialing
     */
    public Subscription trialEnded() {
        if (state != SubscriptionState.TRIALING) {
            throw new IllegalStateException("subscription " + id + " is not in a trial");
        }
        return copy().state(SubscriptionState.ACTIVE).build();
    }

    /**
     * This subscription with its contract renewed for terms of {@code termMonths} until after {@code now}.
     *
     * @param termMonths the plan's contract term in months, at least 1
     * @param now the time the new term must end after
     * @return the copy whose contract ends on the first term boundary after {@code now}, counted
     *     from the billing anchor
     * @throws IllegalStateException if it is cancelled or has no contract
     */
    public Subscription contractRenewed(int termMonths, Instant now) {
        requireNotCancelled();
        if (contractEnd == null) {
            throw new IllegalStateException("subscription " + id + " has no contract");
        }
        return copy().contractEnd(Periods.nextBoundaryAfter(billingAnchor, termMonths, now)).build();
    }

    /**
     * When the next billing period starts (and its invoice is due), or empty while in a trial,
     * once cancelled, or when the cancellation is scheduled for that date or before.
     *
     * @return the start of the next period to invoice, possibly in the past when the billing run
     *     is behind
     */
    public Optional<Instant> nextInvoiceAt() {
        if (isCancelled() || state == SubscriptionState.TRIALING) {
            return Optional.empty();
        }
        Instant next = paidThrough == null ? billingAnchor : paidThrough;
        if (cancelAt != null && !next.isBefore(cancelAt)) {
            return Optional.empty();
        }
        return Optional.of(next);
    }

    /**
     * The end of the billing period that starts at {@code periodStart}: one interval later, counted
     * from the anchor.
     *
     * @param periodStart the start of the period
     * @param intervalMonths the plan's billing interval in months, at least 1
     * @return the first period boundary after {@code periodStart}
     */
    public Instant periodEndAfter(Instant periodStart, int intervalMonths) {
        return Periods.nextBoundaryAfter(billingAnchor, intervalMonths, periodStart);
    }

    /**
     * This subscription with its periods invoiced up to {@code periodEnd}.
     *
     * @param periodEnd the end of the last period invoiced
     * @return the changed copy
     * @throws IllegalStateException if it is cancelled
     */
    public Subscription invoicedThrough(Instant periodEnd) {
        requireNotCancelled();
        return copy().paidThrough(periodEnd).build();
    }

    /** {@return this subscription past due after a failed payment; only an active one changes} */
    public Subscription pastDue() {
        return state == SubscriptionState.ACTIVE ? copy().state(SubscriptionState.PAST_DUE).build() : this;
    }

    /** {@return this subscription active again after its debt was paid; only a past-due one changes} */
    public Subscription recovered() {
        return state == SubscriptionState.PAST_DUE ? copy().state(SubscriptionState.ACTIVE).build() : this;
    }

    /**
     * This cancelled subscription linked to the subscription that reactivated it.
     *
     * @param successor the new subscription
     * @return the changed copy
     * @throws IllegalStateException if it is not cancelled
     */
    public Subscription succeededBy(SubscriptionId successor) {
        if (!isCancelled()) {
            throw new IllegalStateException("only a cancelled subscription has a successor");
        }
        return copy().successorId(successor).build();
    }

    /**
     * The same subscription at another storage version; used by stores.
     *
     * @param newVersion the version the store now holds
     * @return a copy at that version
     */
    public Subscription withVersion(long newVersion) {
        return copy().version(newVersion).build();
    }

    /**
     * When the billing run next has something to do for this subscription (a trial's end, a
     * scheduled cancellation, a contract renewal, a period to invoice).
     *
     * @return the earliest of those times, possibly in the past; empty once cancelled
     */
    public Optional<Instant> nextDueAt() {
        if (isCancelled()) {
            return Optional.empty();
        }
        return Stream.of(cancelAt, state == SubscriptionState.TRIALING ? trialEnd : null, contractEnd,
                        nextInvoiceAt().orElse(null))
                .filter(Objects::nonNull)
                .min(Instant::compareTo);
    }

    private void requireNotCancelled() {
        if (isCancelled()) {
            throw new IllegalStateException("subscription " + id + " is cancelled and never changes again");
        }
    }

    private Copy copy() {
        return new Copy(this);
    }

    /** A changed copy, for the transitions above. */
    private static final class Copy {
        private final Subscription from;
        private SubscriptionState state;
        private Instant contractEnd;
        private Instant paidThrough;
        private Instant cancelAt;
        private Instant cancelledAt;
        private ErasureStatus erasure;
        private Instant erasedAt;
        private SubscriptionId successorId;
        private long version;

        Copy(Subscription from) {
            this.from = from;
            this.state = from.state;
            this.contractEnd = from.contractEnd;
            this.paidThrough = from.paidThrough;
            this.cancelAt = from.cancelAt;
            this.cancelledAt = from.cancelledAt;
            this.erasure = from.erasure;
            this.erasedAt = from.erasedAt;
            this.successorId = from.successorId;
            this.version = from.version;
        }

        Copy state(SubscriptionState value) {
            state = value;
            return this;
        }

        Copy contractEnd(Instant value) {
            contractEnd = value;
            return this;
        }

        Copy paidThrough(Instant value) {
            paidThrough = value;
            return this;
        }

        Copy cancelAt(Instant value) {
            cancelAt = value;
            return this;
        }

        Copy cancelledAt(Instant value) {
            cancelledAt = value;
            return this;
        }

        Copy erasure(ErasureStatus value) {
            erasure = value;
            return this;
        }

        Copy erasedAt(Instant value) {
            erasedAt = value;
            return this;
        }

        Copy successorId(SubscriptionId value) {
            successorId = value;
            return this;
        }

        Copy version(long value) {
            version = value;
            return this;
        }

        Subscription build() {
            return new Subscription(from.id, from.companyId, from.planId, state, from.environmentId, from.startedAt,
                    from.billingAnchor, from.trialEnd, contractEnd, paidThrough, cancelAt, cancelledAt, erasure,
                    erasedAt, from.previousId, successorId, version);
        }
    }
}
