package org.billingsdk.core.subscription;

import java.time.Instant;
import java.util.Objects;
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
                subscription.cancelledAt(), subscription.erasure());
    }

    /**
     * The subscription as it is at {@code now}: what time has brought since it was stored, which
     * the billing run (or the next operation on it) writes when it catches up, applied without
     * writing, in the order it happens. A trial whose end has passed is over ({@code ACTIVE}); a
     * contract term that has ended has renewed for another term; a scheduled cancellation whose
     * date has passed has taken effect ({@code CANCELLED} at that date, its erasure pending), and
     * wins over a trial's end or a renewal at the same instant. A past-due subscription stays past
     * due: only a payment changes that. Reads show subscriptions this way, so that what a customer
     * sees never depends on whether the billing run has caught up.
     *
     * @param now the time to see it at; not null
     * @param contractMonths the term of its plan's contract in months, as {@code Plan.contractMonths()}
     * @return this summary when time has brought nothing, else the summary as it is at {@code now}
     */
    public SubscriptionSummary asOf(Instant now, int contractMonths) {
        Objects.requireNonNull(now, "now");
        if (isCancelled()) {
            return this;
        }
        SubscriptionState seen = state;
        Instant term = contractMonths > 0 ? contractEnd : null;
        Instant next = earliest(scheduledCancellation, seen == SubscriptionState.TRIALING ? trialEnd : null, term);
        while (next != null && !next.isAfter(now)) {
            if (next.equals(scheduledCancellation)) {
                return new SubscriptionSummary(id, companyId, planId, quantity, SubscriptionState.CANCELLED,
                        environmentId, startedAt, billingAnchor, trialEnd, term == null ? contractEnd : term, null,
                        next, ErasureStatus.PENDING);
            }
            if (seen == SubscriptionState.TRIALING && next.equals(trialEnd)) {
                seen = SubscriptionState.ACTIVE;
            } else {
                term = Periods.nextBoundaryAfter(billingAnchor, contractMonths, next);
            }
            next = earliest(scheduledCancellation, seen == SubscriptionState.TRIALING ? trialEnd : null, term);
        }
        if (term == null) {
            term = contractEnd;
        }
        if (seen == state && Objects.equals(term, contractEnd)) {
            return this;
        }
        return new SubscriptionSummary(id, companyId, planId, quantity, seen, environmentId, startedAt, billingAnchor,
                trialEnd, term, scheduledCancellation, cancelledAt, erasure);
    }

    private static Instant earliest(Instant a, Instant b, Instant c) {
        Instant min = a;
        for (Instant each : new Instant[] {b, c}) {
            if (each != null && (min == null || each.isBefore(min))) {
                min = each;
            }
        }
        return min;
    }

    /** {@return whether it is cancelled, for good} */
    public boolean isCancelled() {
        return state == SubscriptionState.CANCELLED;
    }
}
