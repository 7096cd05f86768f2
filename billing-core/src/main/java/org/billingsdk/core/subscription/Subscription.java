package org.billingsdk.core.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.BillingDay;
import org.billingsdk.core.company.CompanyId;

/**
 * A company's subscription to a plan, with the rules of its lifecycle; immutable and thread-safe.
 * Every transition returns a new instance and leaves this one as it was; storage keeps the
 * {@link #version() version} so that a concurrent change is refused, never lost.
 *
 * <p>The rules of its lifecycle are methods that decide without writing: {@link #advanceTo} (what
 * time brings), {@link #decideCancel}, {@link #refusalToRemoveCancellation}. The transitions
 * ({@link #scheduleCancellation}, {@link #cancelledOn}, {@link #pastDue}, ...) return the changed
 * copy; only the SDK stores one, so a host that calls them changes nothing.
 *
 * <p>Days and months are counted in UTC (see {@link #subscribe}).
 *
 * @param id its identifier
 * @param companyId the subscribing company
 * @param planId the plan it is on
 * @param quantity how many units of the plan (seats, endpoints) it is for, 1 or more; each period is
 *     invoiced at the plan's price per unit times this
 * @param state trialing, active, past due or cancelled
 * @param environmentId the product environment provisioned for it
 * @param startedAt when it was created
 * @param billingAnchor when the first paid period starts (the trial's end, or {@code startedAt});
 *     periods and contract terms are counted from it
 * @param trialEnd when the trial ends, or {@code null} without a trial
 * @param contractEnd when the current contract term ends, or {@code null} without a contract
 * @param invoicedThrough the end of the last billing period invoiced, or {@code null} before the first
 * @param cancelAt the date a scheduled (or applied) cancellation takes effect, or {@code null}
 * @param scheduledChange the change of plan or quantity waiting for its date, or {@code null}
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
        int quantity,
        SubscriptionState state,
        EnvironmentId environmentId,
        Instant startedAt,
        Instant billingAnchor,
        Instant trialEnd,
        Instant contractEnd,
        Instant invoicedThrough,
        Instant cancelAt,
        ScheduledChange scheduledChange,
        Instant cancelledAt,
        ErasureStatus erasure,
        Instant erasedAt,
        SubscriptionId previousId,
        SubscriptionId successorId,
        long version) {

    /**
     * Checks that the components are consistent; stores use it to load a subscription, operations
     * make new ones through {@link #subscribe}, {@link #reactivation} and the transitions.
     *
     * @param id not null
     * @param companyId not null
     * @param planId not null
     * @param quantity 1 or more
     * @param state not null
     * @param environmentId not null
     * @param startedAt not null
     * @param billingAnchor not null
     * @param trialEnd {@code null} without a trial
     * @param contractEnd {@code null} without a contract
     * @param invoicedThrough {@code null} before the first invoice
     * @param cancelAt {@code null} unless a cancellation is scheduled or applied
     * @param scheduledChange {@code null} unless a change is scheduled; never with a cancellation
     * @param cancelledAt set exactly when the state is {@code CANCELLED}
     * @param erasure {@code NOT_REQUESTED} exactly when the state is not {@code CANCELLED}
     * @param erasedAt set exactly when the erasure is {@code CONFIRMED}
     * @param previousId {@code null} unless it is a reactivation
     * @param successorId {@code null} unless it was reactivated
     * @param version the storage version
     * @throws IllegalArgumentException if the state, the cancellation time and the erasure disagree,
     *     or a change is scheduled beside a cancellation
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
        if (quantity < 1) {
            throw new IllegalArgumentException("a subscription is for at least one unit, not " + quantity);
        }
        if ((state == SubscriptionState.CANCELLED) != (cancelledAt != null)) {
            throw new IllegalArgumentException("a subscription has a cancellation time exactly when it is cancelled");
        }
        if ((state == SubscriptionState.CANCELLED) == (erasure == ErasureStatus.NOT_REQUESTED)) {
            throw new IllegalArgumentException("erasure is requested exactly when a subscription is cancelled");
        }
        if ((erasure == ErasureStatus.CONFIRMED) != (erasedAt != null)) {
            throw new IllegalArgumentException("an erasure time is kept exactly when the erasure is confirmed");
        }
        if (scheduledChange != null && cancelAt != null) {
            throw new IllegalArgumentException("a change is never scheduled beside a cancellation");
        }
    }

    /**
     * A new subscription to {@code plan} starting at {@code now}, with the plan's trial. A trial of
     * N days ends at the start (00:00 UTC) of the N-th day after today and the first paid period
     * starts then; a contract term starts with the first paid period.
     *
     * @param id the new subscription's id; not null
     * @param companyId the subscribing company; not null
     * @param plan the plan, whose trial and contract term apply; not null
     * @param environment the environment provisioned for it; not null
     * @param now when it starts; not null
     * @return the subscription, trialing or active, at version 0 (not stored yet)
     */
    public static Subscription subscribe(SubscriptionId id, CompanyId companyId, Plan plan,
            EnvironmentId environment, Instant now) {
        return subscribe(id, companyId, plan, 1, environment, now);
    }

    /**
     * A new subscription to {@code quantity} units of {@code plan}, as
     * {@link #subscribe(SubscriptionId, CompanyId, Plan, EnvironmentId, Instant)} starts one.
     *
     * @param id the new subscription's id; not null
     * @param companyId the subscribing company; not null
     * @param plan the plan; not null
     * @param quantity how many units, within the plan's minimum and maximum
     * @param environment the environment provisioned for it; not null
     * @param now when it starts; not null
     * @return the subscription, trialing or active, at version 0 (not stored yet)
     * @throws IllegalArgumentException if the plan does not allow {@code quantity}
     */
    public static Subscription subscribe(SubscriptionId id, CompanyId companyId, Plan plan, int quantity,
            EnvironmentId environment, Instant now) {
        if (!plan.allows(quantity)) {
            throw new IllegalArgumentException("plan " + plan.id() + " is for " + plan.quantities() + ", not "
                    + quantity);
        }
        return start(id, companyId, plan, quantity, environment, now, plan.hasTrial(), null);
    }

    /**
     * The subscription that reactivates {@code previous} at {@code now}: on the same plan and
     * quantity, for the same company, with no trial and, where the plan has one, a new contract term starting now.
     *
     * @param previous the cancelled subscription it reactivates; not null
     * @param id the new subscription's id; not null
     * @param plan {@code previous}'s plan; not null
     * @param environment the new environment provisioned for it; not null
     * @param now when it starts; not null
     * @return the subscription, active, linked back to {@code previous}, at version 0
     * @throws IllegalArgumentException if {@code previous} is not cancelled or {@code plan} is not its plan
     */
    public static Subscription reactivation(Subscription previous, SubscriptionId id, Plan plan,
            EnvironmentId environment, Instant now) {
        if (!previous.isCancelled() || !previous.planId.equals(plan.id())) {
            throw new IllegalArgumentException("a reactivation starts from a cancelled subscription on its own plan");
        }
        return start(id, previous.companyId, plan, previous.quantity, environment, now, false, previous.id);
    }

    private static Subscription start(SubscriptionId id, CompanyId companyId, Plan plan, int quantity,
            EnvironmentId environment, Instant now, boolean trial, SubscriptionId previous) {
        Instant trialEnd = trial ? Periods.startOfDayPlusDays(now, plan.trialDays()) : null;
        Instant anchor = trial ? trialEnd : now;
        Instant contractEnd = plan.hasContract() ? Periods.plusMonths(anchor, plan.contractMonths()) : null;
        return new Subscription(id, companyId, plan.id(), quantity,
                trial ? SubscriptionState.TRIALING : SubscriptionState.ACTIVE,
                environment, now, anchor, trialEnd, contractEnd, null, null, null, null, ErasureStatus.NOT_REQUESTED,
                null,
                previous, null, 0);
    }

    /**
     * What time brings to this subscription up to {@code now}, worked out without writing: in the
     * order it happens, a scheduled change taking effect, a trial's end, contract renewals, the
     * start of every billing period (each invoiced in advance, at the plan and quantity then in
     * force), and a scheduled cancellation taking effect, which wins over a trial's end, a renewal or
     * a period starting at the same instant and ends the timeline. A change scheduled for an instant
     * comes before whatever else happens then, so that the period starting then is on the new plan.
     * Applying it again to {@link Timeline#after()} at the same {@code now} brings nothing more.
     *
     * @param now the time to bring it up to; not null
     * @param plans the plans by id: its plan, and the plan of its scheduled change; not null
     * @return the steps and the subscription after them
     * @throws IllegalArgumentException if {@code plans} does not know a plan it needs
     */
    public Timeline advanceTo(Instant now, Function<PlanId, Plan> plans) {
        return advanceTo(now, plans, null);
    }

    /**
     * {@link #advanceTo(Instant, Function)} for a subscription whose payer is billed on
     * {@code billingDay}: a period starting off the day is the first, partial period of an
     * alignment, which ends on the day's next occurrence ({@link Timeline.PeriodStarted#isPartial()},
     * prorated over the whole period ending there), and the periods after it are counted from the
     * day; a period starting on the day counts the periods after it from there. The contract term
     * running keeps its end; the terms after it renew on the new count.
     *
     * @param now the time to bring it up to; not null
     * @param plans the plans by id; not null
     * @param billingDay the payer's billing day, or {@code null} for none (periods follow the anchor)
     * @return the steps and the subscription after them
     * @throws IllegalArgumentException if {@code plans} does not know a plan it needs
     */
    public Timeline advanceTo(Instant now, Function<PlanId, Plan> plans, BillingDay billingDay) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(plans, "plans");
        Subscription current = this;
        Plan plan = planOf(plans, planId);
        List<Timeline.Step> steps = new ArrayList<>(1);
        Optional<Instant> due = nextDueAt();
        while (due.isPresent() && !due.get().isAfter(now)) {
            Instant at = due.get();
            ScheduledChange change = current.scheduledChange;
            if (change != null && at.equals(change.effectiveOn())) {
                Plan target = planOf(plans, change.planId());
                steps.add(new Timeline.ChangeTookEffect(at, current.planId, current.quantity, change));
                current = current.changedTo(plan, target, change.quantity(), at);
                plan = target;
            } else if (at.equals(current.cancelAt)) {
                steps.add(new Timeline.CancellationTookEffect(at));
                return new Timeline(this, current.cancelledOn(at), steps);
            } else if (current.state == SubscriptionState.TRIALING && at.equals(current.trialEnd)) {
                current = current.trialEnded();
                steps.add(new Timeline.TrialEnded(at));
            } else if (at.equals(current.contractEnd)) {
                if (plan.hasContract()) {
                    current = current.contractRenewed(plan.contractMonths(), at);
                    steps.add(new Timeline.ContractRenewed(at, current.contractEnd));
                } else {
                    // a change moved it to a plan without a contract: the term it was under ends, for good
                    current = current.copy().contractEnd(null).build();
                }
            } else {
                Timeline.PeriodStarted period = current.periodFrom(at, plan.interval().months(), billingDay);
                steps.add(period);
                // Aligned to the billing day: the periods after it are counted from the day.
                Instant anchor = period.isPartial() ? period.end()
                        : billingDay != null && !billingDay.startsAt(current.billingAnchor) ? at
                        : current.billingAnchor;
                current = current.copy().billingAnchor(anchor).invoicedThrough(period.end()).build();
            }
            due = current.nextDueAt();
        }
        return new Timeline(this, current, steps);
    }

    /**
     * {@link #advanceTo(Instant, Function)} for a subscription whose plan is {@code plan}, with no
     * change scheduled to another plan.
     *
     * @param now the time to bring it up to; not null
     * @param plan its plan; not null
     * @return the steps and the subscription after them
     * @throws IllegalArgumentException if {@code plan} is not this subscription's plan, or a change to
     *     another plan is scheduled (use the other {@code advanceTo})
     */
    public Timeline advanceTo(Instant now, Plan plan) {
        Objects.requireNonNull(plan, "plan");
        return advanceTo(now, id -> id.equals(plan.id()) ? plan : null);
    }

    private Plan planOf(Function<PlanId, Plan> plans, PlanId wanted) {
        Plan plan = plans.apply(wanted);
        if (plan == null || !plan.id().equals(wanted)) {
            throw new IllegalArgumentException("subscription " + id + " needs plan " + wanted
                    + (wanted.equals(planId) ? ", its plan" : ", the plan of its scheduled change"));
        }
        return plan;
    }

    /**
     * What changing to {@code quantity} units of {@code target} at {@code now} means, without
     * changing anything. Refused when it is cancelled ({@code ALREADY_CANCELLED}) or a cancellation
     * is scheduled ({@code CANCELLATION_SCHEDULED}); for a plan of another product
     * ({@code OTHER_PRODUCT}) or priced in another currency ({@code OTHER_CURRENCY}); when nothing
     * would change ({@code SAME_PLAN_AND_QUANTITY}); for a quantity the plan does not allow
     * ({@code QUANTITY_OUT_OF_RANGE}).
     *
     * <p>The timing, when {@code asked} is {@code null}: in a trial, now (nothing is prorated: the
     * trial goes on, and the new plan is invoiced when it converts). Otherwise under a contract a
     * downgrade (a lower amount per period) or a lower quantity waits for the term's end, and asking
     * for it sooner is refused ({@code COMMITTED_UNTIL_TERM_END}); a change of billing interval and
     * an upgrade (or a change at the same amount) are immediate; a downgrade waits for the end of the
     * period already invoiced. An immediate change is refused while past due ({@code PAST_DUE}); a
     * scheduled one is not. {@code END_OF_TERM} needs a contract ({@code NOT_UNDER_CONTRACT}), and
     * falls on the first period boundary at or after the term's end. A change already scheduled does
     * not matter: the new one replaces it.
     *
     * @param now the time of the request; not null
     * @param current its plan; not null
     * @param target the plan asked for (its plan again when only the quantity changes); not null
     * @param newQuantity the quantity asked for, 1 or more
     * @param asked the timing asked for, or {@code null} for the default
     * @return immediate (and whether prorated), scheduled with its date, or refused with its reason
     * @throws IllegalArgumentException if {@code current} is not its plan
     */
    public ChangeDecision decideChange(Instant now, Plan current, Plan target, int newQuantity,
            ChangeTiming asked) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(target, "target");
        if (!current.id().equals(planId)) {
            throw new IllegalArgumentException("subscription " + id + " is on plan " + planId + ", not "
                    + current.id());
        }
        if (isCancelled()) {
            return refused(RefusalCode.ALREADY_CANCELLED, "Subscription " + id + " is cancelled; reactivate it first.");
        }
        if (cancelAt != null) {
            return refused(RefusalCode.CANCELLATION_SCHEDULED, "Subscription " + id + " is to be cancelled on "
                    + cancelAt + "; remove the scheduled cancellation before changing it.");
        }
        if (!target.productCode().equals(current.productCode())) {
            return refused(RefusalCode.OTHER_PRODUCT, "Plan " + target.id() + " is of product " + target.productCode()
                    + ", not " + current.productCode() + "; another product is a new subscription.");
        }
        if (!target.price().getCurrency().equals(current.price().getCurrency())) {
            return refused(RefusalCode.OTHER_CURRENCY, "Plan " + target.id() + " is priced in "
                    + target.price().getCurrency() + ", not " + current.price().getCurrency()
                    + "; a change keeps the currency.");
        }
        if (target.id().equals(planId) && newQuantity == quantity) {
            return refused(RefusalCode.SAME_PLAN_AND_QUANTITY, "Subscription " + id + " is already on " + quantity
                    + " of plan " + planId
                    + (scheduledChange == null ? "." : "; revoke the scheduled change instead."));
        }
        if (!target.allows(newQuantity)) {
            return refused(RefusalCode.QUANTITY_OUT_OF_RANGE, "Plan " + target.id() + " is for " + target.quantities()
                    + ", not " + newQuantity + ".");
        }
        if (inTrialAt(now)) {
            if (asked == null || asked == ChangeTiming.IMMEDIATE) {
                return new ChangeDecision.Immediate(false);
            }
            if (asked == ChangeTiming.END_OF_PERIOD) {
                return scheduled(target, newQuantity, trialEnd);
            }
            return contractEnd == null ? notUnderContract()
                    : scheduled(target, newQuantity, termEndBoundary(current));
        }
        int lower = target.priceOf(newQuantity).compareTo(current.priceOf(quantity));
        boolean committed = underContractAt(now) && (lower < 0 || newQuantity < quantity);
        boolean intervalChanges = target.interval() != current.interval();
        ChangeTiming timing = asked != null ? asked
                : committed ? ChangeTiming.END_OF_TERM
                : intervalChanges || lower >= 0 ? ChangeTiming.IMMEDIATE
                : ChangeTiming.END_OF_PERIOD;
        if (timing == ChangeTiming.END_OF_TERM) {
            return underContractAt(now) ? scheduled(target, newQuantity, termEndBoundary(current)) : notUnderContract();
        }
        if (committed) {
            return refused(RefusalCode.COMMITTED_UNTIL_TERM_END, "Subscription " + id + " is committed to its amount"
                    + " and quantity until its contract ends on " + contractEnd + "; a decrease takes effect then"
                    + " (END_OF_TERM).");
        }
        Instant periodEnd = invoicedThrough == null ? billingAnchor : invoicedThrough;
        if (timing == ChangeTiming.END_OF_PERIOD && periodEnd.isAfter(now)) {
            return scheduled(target, newQuantity, periodEnd);
        }
        if (state == SubscriptionState.PAST_DUE) {
            return refused(RefusalCode.PAST_DUE, "Subscription " + id + " is past due; pay the open invoice first, or"
                    + " schedule the change (END_OF_PERIOD).");
        }
        return new ChangeDecision.Immediate(invoicedThrough != null && invoicedThrough.isAfter(now));
    }

    private static ChangeDecision refused(RefusalCode code, String message) {
        return new ChangeDecision.Refused(new Refusal(code, message));
    }

    private ChangeDecision notUnderContract() {
        return refused(RefusalCode.NOT_UNDER_CONTRACT, "Subscription " + id + " is under no contract; a change"
                + " takes effect now (IMMEDIATE) or at the end of the period (END_OF_PERIOD).");
    }

    private static ChangeDecision scheduled(Plan target, int newQuantity, Instant on) {
        return new ChangeDecision.Scheduled(new ScheduledChange(target.id(), newQuantity, on));
    }

    /** The first boundary of its billing periods at or after the contract term's end. */
    private Instant termEndBoundary(Plan current) {
        int months = current.interval().months();
        if (!contractEnd.isAfter(billingAnchor)) {
            return billingAnchor;
        }
        Instant start = Periods.boundaryAtOrBefore(billingAnchor, months, contractEnd);
        return start.equals(contractEnd) ? contractEnd : Periods.nextBoundaryAfter(billingAnchor, months, contractEnd);
    }

    /**
     * This subscription on {@code newQuantity} units of {@code target} from {@code at}, with no change
     * scheduled any more; the environment, the id and everything invoiced stay. In a trial (up to
     * its end) the trial goes on and the contract term follows the new plan. Otherwise a change of
     * billing interval starts a new period at {@code at}, counted from there (the period from
     * {@code at} is then due to be invoiced); a change to a plan with a contract starts a term
     * when none runs, a full term at least, ending on a term boundary counted from the anchor (see
     * {@link Periods#firstTermEnd}); a change to one without keeps the term that runs until it ends.
     *
     * @param current its plan until now; not null
     * @param target the new plan; not null
     * @param newQuantity the new quantity, which {@code target} allows
     * @param at when it takes effect; not null
     * @return the changed copy
     * @throws IllegalStateException if it is cancelled or a cancellation is scheduled
     * @throws IllegalArgumentException if {@code target} does not allow {@code newQuantity}, or
     *     {@code current} is not its plan
     */
    public Subscription changedTo(Plan current, Plan target, int newQuantity, Instant at) {
        requireNotCancelled();
        if (cancelAt != null) {
            throw new IllegalStateException("subscription " + id + " is to be cancelled; it does not change");
        }
        if (!current.id().equals(planId)) {
            throw new IllegalArgumentException("subscription " + id + " is on plan " + planId + ", not "
                    + current.id());
        }
        if (!target.allows(newQuantity)) {
            throw new IllegalArgumentException("plan " + target.id() + " is for " + target.quantities() + ", not "
                    + newQuantity);
        }
        Copy changed = copy().planId(target.id()).quantity(newQuantity).scheduledChange(null);
        if (state == SubscriptionState.TRIALING && !at.isAfter(trialEnd)) {
            return changed.contractEnd(target.hasContract() ? Periods.plusMonths(billingAnchor, target.contractMonths())
                    : null).build();
        }
        Instant anchor = billingAnchor;
        if (target.interval() != current.interval()) {
            anchor = at;
            changed.billingAnchor(at).invoicedThrough(at);
        }
        if (target.hasContract() && !underContractAt(at)) {
            changed.contractEnd(Periods.firstTermEnd(anchor, target.contractMonths(), at));
        }
        return changed.build();
    }

    /**
     * This subscription with {@code change} scheduled, replacing any change scheduled before.
     *
     * @param change the change, as {@link #decideChange} decided it; not null
     * @return the changed copy
     * @throws IllegalStateException if it is cancelled or a cancellation is scheduled
     */
    public Subscription scheduleChange(ScheduledChange change) {
        Objects.requireNonNull(change, "change");
        requireNotCancelled();
        if (cancelAt != null) {
            throw new IllegalStateException("subscription " + id + " is to be cancelled; no change is scheduled");
        }
        return copy().scheduledChange(change).build();
    }

    /** {@return the change waiting for its date, or empty when none is} */
    public Optional<ScheduledChange> pendingChange() {
        return Optional.ofNullable(scheduledChange);
    }

    /**
     * Whether the scheduled change can be revoked at {@code now}: while one is scheduled and its
     * date has not come.
     *
     * @param now the time of the request
     * @return the refusal ({@code ALREADY_CANCELLED} or {@code NO_CHANGE_SCHEDULED}; a change whose
     *     date has come has taken effect, so none is scheduled), or empty when it can be revoked
     */
    public Optional<Refusal> refusalToRevokeChange(Instant now) {
        if (isCancelled()) {
            return Optional.of(new Refusal(RefusalCode.ALREADY_CANCELLED, "Subscription " + id + " is cancelled."));
        }
        if (scheduledChange == null || !scheduledChange.effectiveOn().isAfter(now)) {
            return Optional.of(new Refusal(RefusalCode.NO_CHANGE_SCHEDULED,
                    "Subscription " + id + " has no scheduled change."));
        }
        return Optional.empty();
    }

    /**
     * This subscription without its scheduled change; it stays on its plan and quantity.
     *
     * @return the changed copy (itself when nothing is scheduled)
     */
    public Subscription withoutScheduledChange() {
        return scheduledChange == null ? this : copy().scheduledChange(null).build();
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
     * @return the changed copy, without the change scheduled before, if any
     * @throws IllegalStateException if it is cancelled
     */
    public Subscription scheduleCancellation(Instant date) {
        requireNotCancelled();
        return copy().cancelAt(date).scheduledChange(null).build();
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
     * @return the cancelled copy, its erasure pending, with no change scheduled
     * @throws IllegalStateException if it is cancelled already
     */
    public Subscription cancelledOn(Instant at) {
        requireNotCancelled();
        return copy().state(SubscriptionState.CANCELLED).cancelAt(at).scheduledChange(null).cancelledAt(at)
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
        Instant next = invoicedThrough == null ? billingAnchor : invoicedThrough;
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
     * The billing period that starts at {@code start}, which {@link #advanceTo(Instant, Function,
     * BillingDay)} invoices: one interval long, counted from the anchor; with a billing day, up to
     * the day's next occurrence when it starts off the day (the partial first period of an
     * alignment), or counted from {@code start} when it starts on the day and the anchor is not.
     *
     * @param start where it starts: the end of the period invoiced last, or the anchor; not null
     * @param intervalMonths the plan's billing interval in months, at least 1
     * @param billingDay the payer's billing day, or {@code null} for none
     * @return the period, partial or whole
     */
    public Timeline.PeriodStarted periodFrom(Instant start, int intervalMonths, BillingDay billingDay) {
        if (billingDay == null) {
            return new Timeline.PeriodStarted(start, periodEndAfter(start, intervalMonths));
        }
        if (!billingDay.startsAt(start)) {
            Instant aligned = billingDay.nextAfter(start);
            return new Timeline.PeriodStarted(start, aligned, Periods.plusMonths(aligned, -intervalMonths));
        }
        return new Timeline.PeriodStarted(start, billingDay.startsAt(billingAnchor)
                ? periodEndAfter(start, intervalMonths) : Periods.plusMonths(start, intervalMonths));
    }

    /**
     * The end of the billing period running at {@code at}: the first boundary counted from the
     * anchor after it, or the anchor itself before it (a trial, or the partial first period of an
     * alignment to a billing day, which ends at the anchor).
     *
     * @param at the instant; not null
     * @param intervalMonths the plan's billing interval in months, at least 1
     * @return the period's end, after {@code at}
     */
    public Instant periodEndAt(Instant at, int intervalMonths) {
        return at.isBefore(billingAnchor) ? billingAnchor
                : Periods.nextBoundaryAfter(billingAnchor, intervalMonths, at);
    }

    /**
     * The start of the whole billing period running at {@code at}, counted from the anchor: what a
     * change in it is prorated over. Before the anchor (the partial first period of an alignment to a
     * billing day), the whole period that ends at the anchor.
     *
     * @param at the instant; not null
     * @param intervalMonths the plan's billing interval in months, at least 1
     * @return the whole period's start, at or before {@code at} from the anchor on
     */
    public Instant wholePeriodStartAt(Instant at, int intervalMonths) {
        return at.isBefore(billingAnchor) ? Periods.plusMonths(billingAnchor, -intervalMonths)
                : Periods.boundaryAtOrBefore(billingAnchor, intervalMonths, at);
    }

    /**
     * This subscription with its periods invoiced up to {@code periodEnd}.
     *
     * @param periodEnd the end of the last period invoiced
     * @return the changed copy
     * @throws IllegalStateException if it is cancelled
     */
    public Subscription periodInvoiced(Instant periodEnd) {
        requireNotCancelled();
        return copy().invoicedThrough(periodEnd).build();
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
     * When the billing run next has something to do for this subscription (a scheduled change, a
     * trial's end, a scheduled cancellation, a contract renewal, a period to invoice).
     *
     * @return the earliest of those times, possibly in the past; empty once cancelled
     */
    public Optional<Instant> nextDueAt() {
        if (isCancelled()) {
            return Optional.empty();
        }
        return Stream.of(scheduledChange == null ? null : scheduledChange.effectiveOn(), cancelAt,
                        state == SubscriptionState.TRIALING ? trialEnd : null, contractEnd,
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
        private PlanId planId;
        private int quantity;
        private Instant billingAnchor;
        private ScheduledChange scheduledChange;
        private SubscriptionState state;
        private Instant contractEnd;
        private Instant invoicedThrough;
        private Instant cancelAt;
        private Instant cancelledAt;
        private ErasureStatus erasure;
        private Instant erasedAt;
        private SubscriptionId successorId;
        private long version;

        Copy(Subscription from) {
            this.from = from;
            this.planId = from.planId;
            this.quantity = from.quantity;
            this.billingAnchor = from.billingAnchor;
            this.scheduledChange = from.scheduledChange;
            this.state = from.state;
            this.contractEnd = from.contractEnd;
            this.invoicedThrough = from.invoicedThrough;
            this.cancelAt = from.cancelAt;
            this.cancelledAt = from.cancelledAt;
            this.erasure = from.erasure;
            this.erasedAt = from.erasedAt;
            this.successorId = from.successorId;
            this.version = from.version;
        }

        Copy planId(PlanId value) {
            planId = value;
            return this;
        }

        Copy quantity(int value) {
            quantity = value;
            return this;
        }

        Copy billingAnchor(Instant value) {
            billingAnchor = value;
            return this;
        }

        Copy scheduledChange(ScheduledChange value) {
            scheduledChange = value;
            return this;
        }

        Copy state(SubscriptionState value) {
            state = value;
            return this;
        }

        Copy contractEnd(Instant value) {
            contractEnd = value;
            return this;
        }

        Copy invoicedThrough(Instant value) {
            invoicedThrough = value;
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
            return new Subscription(from.id, from.companyId, planId, quantity, state, from.environmentId,
                    from.startedAt, billingAnchor, from.trialEnd, contractEnd, invoicedThrough, cancelAt,
                    scheduledChange, cancelledAt, erasure, erasedAt, from.previousId, successorId, version);
        }
    }
}
