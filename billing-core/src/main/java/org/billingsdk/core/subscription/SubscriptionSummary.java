package org.billingsdk.core.subscription;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.CompanyId;

/**
 * What the portal's list shows of a subscription, as a store reads it for
 * {@link org.billingsdk.core.port.SubscriptionStore#findSummaries}: the subscription without its
 * billing bookkeeping (period invoiced, erasure time, reactivation links, version); immutable.
 * {@link #asOf} tells what time has made of it since it was stored.
 *
 * @param id the subscription
 * @param companyId the company that holds it
 * @param planId the plan it is on
 * @param quantity its units, 1 or more
 * @param state its state
 * @param environmentId its product environment
 * @param startedAt when it started
 * @param billingAnchor where its billing periods and contract terms are counted from
 * @param trialEnd when its trial ends, or {@code null} without a trial
 * @param contractEnd when its contract term ends, or {@code null} without a contract
 * @param scheduledCancellation when a scheduled cancellation takes effect, or {@code null} when none
 *     is scheduled or it has taken effect (as {@link Subscription#scheduledCancellation()})
 * @param scheduledChange the change of plan or quantity waiting for its date, or {@code null}
 * @param cancelledAt when it was cancelled, or {@code null} while not cancelled
 * @param erasure whether its data is erased
 */
public record SubscriptionSummary(
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
        Instant scheduledCancellation,
        ScheduledChange scheduledChange,
        Instant cancelledAt,
        ErasureStatus erasure) {

    /**
     * Checks that the mandatory components are there.
     *
     * @param id not null
     * @param companyId not null
     * @param planId not null
     * @param quantity not checked
     * @param state not null
     * @param environmentId not null
     * @param startedAt not null
     * @param billingAnchor not null
     * @param trialEnd {@code null} without a trial
     * @param contractEnd {@code null} without a contract
     * @param scheduledCancellation {@code null} unless a cancellation is scheduled and not yet in effect
     * @param scheduledChange {@code null} unless a change is scheduled
     * @param cancelledAt {@code null} while not cancelled
     * @param erasure not null
     */
    public SubscriptionSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(billingAnchor, "billingAnchor");
        Objects.requireNonNull(erasure, "erasure");
    }

    /**
     * The summary of a subscription.
     *
     * @param subscription the subscription; not null
     * @return what the list shows of it
     */
    public static SubscriptionSummary of(Subscription subscription) {
        return new SubscriptionSummary(subscription.id(), subscription.companyId(), subscription.planId(),
                subscription.quantity(), subscription.state(), subscription.environmentId(), subscription.startedAt(),
                subscription.billingAnchor(), subscription.trialEnd(),
                subscription.contractEnd(), subscription.scheduledCancellation().orElse(null),
                subscription.scheduledChange(), subscription.cancelledAt(), subscription.erasure());
    }

    /**
     * The subscription as it is at {@code now}: what time has brought since it was stored, which
     * the billing run (or the next operation on it) writes when it catches up, applied without
     * writing, in the order it happens. A scheduled change whose date has passed has taken effect
     * (the new plan and quantity). A trial whose end has passed is over ({@code ACTIVE}); a
     * contract term that has ended has renewed for another term (or ended, on a plan without one);
     * a scheduled cancellation whose date has passed has taken effect ({@code CANCELLED} at that
     * date, its erasure pending), and wins over a trial's end or a renewal at the same instant. A
     * past-due subscription stays past due: only a payment changes that. Reads show subscriptions
     * this way, so that what a customer sees never depends on whether the billing run has caught up.
     *
     * @param now the time to see it at; not null
     * @param plans the plans by id: its plan and that of its scheduled change; not null
     * @return this summary when time has brought nothing, else the summary as it is at {@code now}
     * @throws IllegalArgumentException if {@code plans} does not know a plan it needs
     */
    public SubscriptionSummary asOf(Instant now, Function<PlanId, Plan> plans) {
        Objects.requireNonNull(now, "now");
        if (isCancelled()) {
            return this;
        }
        Plan plan = planOf(plans, planId);
        PlanId seenPlan = planId;
        int seenQuantity = quantity;
        Instant anchor = billingAnchor;
        ScheduledChange change = scheduledChange;
        SubscriptionState seen = state;
        Instant term = contractEnd;
        Instant next = earliest(change == null ? null : change.effectiveOn(), scheduledCancellation,
                seen == SubscriptionState.TRIALING ? trialEnd : null, term);
        while (next != null && !next.isAfter(now)) {
            if (change != null && next.equals(change.effectiveOn())) {
                Plan target = planOf(plans, change.planId());
                if (seen == SubscriptionState.TRIALING && !next.isAfter(trialEnd)) {
                    term = target.hasContract() ? Periods.plusMonths(anchor, target.contractMonths()) : null;
                } else {
                    anchor = target.interval() != plan.interval() ? next : anchor;
                    if (target.hasContract() && (term == null || !term.isAfter(next))) {
                        term = Periods.firstTermEnd(anchor, target.contractMonths(), next);
                    }
                }
                seenPlan = target.id();
                seenQuantity = change.quantity();
                plan = target;
                change = null;
            } else if (next.equals(scheduledCancellation)) {
                return new SubscriptionSummary(id, companyId, seenPlan, seenQuantity, SubscriptionState.CANCELLED,
                        environmentId, startedAt, anchor, trialEnd, term, null, null, next, ErasureStatus.PENDING);
            } else if (seen == SubscriptionState.TRIALING && next.equals(trialEnd)) {
                seen = SubscriptionState.ACTIVE;
            } else {
                term = plan.hasContract() ? Periods.nextBoundaryAfter(anchor, plan.contractMonths(), next) : null;
            }
            next = earliest(change == null ? null : change.effectiveOn(), scheduledCancellation,
                    seen == SubscriptionState.TRIALING ? trialEnd : null, term);
        }
        SubscriptionSummary after = new SubscriptionSummary(id, companyId, seenPlan, seenQuantity, seen, environmentId,
                startedAt, anchor, trialEnd, term, scheduledCancellation, change, cancelledAt, erasure);
        return after.equals(this) ? this : after;
    }

    private Plan planOf(Function<PlanId, Plan> plans, PlanId wanted) {
        Plan plan = plans.apply(wanted);
        if (plan == null || !plan.id().equals(wanted)) {
            throw new IllegalArgumentException("subscription " + id + " needs plan " + wanted);
        }
        return plan;
    }

    private static Instant earliest(Instant a, Instant b, Instant c, Instant d) {
        Instant min = a;
        for (Instant each : new Instant[] {b, c, d}) {
            if (each != null && (min == null || each.isBefore(min))) {
                min = each;
            }
        }
        return min;
    }

    /**
     * The state it is in at {@code now}: what {@link #asOf} shows, worked out without the plans.
     * Cancelled once cancelled or once its scheduled cancellation's date has come; active once a
     * trial's end has come; otherwise as stored. A store that selects by state in a query computes
     * this; it is the oracle such a query must agree with.
     *
     * @param now the time to see it at; not null
     * @return its state at {@code now}
     */
    public SubscriptionState stateAt(Instant now) {
        Objects.requireNonNull(now, "now");
        if (isCancelled() || scheduledCancellation != null && !scheduledCancellation.isAfter(now)) {
            return SubscriptionState.CANCELLED;
        }
        if (state == SubscriptionState.TRIALING && trialEnd != null && !trialEnd.isAfter(now)) {
            return SubscriptionState.ACTIVE;
        }
        return state;
    }

    /**
     * Whether, at {@code now}, a cancellation or a change is scheduled and still to come: what
     * {@link #asOf} shows as {@code scheduledCancellation} or {@code scheduledChange}, worked out
     * without the plans. One whose date has come has taken effect and is no longer scheduled.
     *
     * @param now the time to see it at; not null
     * @return whether something is scheduled after {@code now}
     */
    public boolean hasScheduledAt(Instant now) {
        if (stateAt(now) == SubscriptionState.CANCELLED) {
            return false;
        }
        return scheduledCancellation != null || scheduledChange != null && scheduledChange.effectiveOn().isAfter(now);
    }

    /** {@return whether it is cancelled, for good} */
    public boolean isCancelled() {
        return state == SubscriptionState.CANCELLED;
    }
}
