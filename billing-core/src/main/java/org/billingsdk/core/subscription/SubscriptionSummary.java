package org.billingsdk.core.subscription;

import java.time.Instant;
import java.util.Objects;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.CompanyId;

/**
 * What the portal's list shows of a subscription, as a store reads it for
 * {@link org.billingsdk.core.port.SubscriptionStore#findSummaries}: the subscription without its
 * billing bookkeeping (billing anchor, period invoiced, erasure time, reactivation links, version);
 * immutable.
 *
 * @param id the subscription
 * @param companyId the company that holds it
 * @param planId the plan it is on
 * @param state its state
 * @param environmentId its product environment
 * @param startedAt when it started
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
        SubscriptionState state,
        EnvironmentId environmentId,
        Instant startedAt,
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
     * @param state not null
     * @param environmentId not null
     * @param startedAt not null
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
                subscription.state(), subscription.environmentId(), subscription.startedAt(), subscription.trialEnd(),
                subscription.contractEnd(), subscription.scheduledCancellation().orElse(null),
                subscription.cancelledAt(), subscription.erasure());
    }

    /** {@return whether it is cancelled, for good} */
    public boolean isCancelled() {
        return state == SubscriptionState.CANCELLED;
    }
}
