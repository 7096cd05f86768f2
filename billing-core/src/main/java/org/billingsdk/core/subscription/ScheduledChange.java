package org.billingsdk.core.subscription;

import java.time.Instant;
import java.util.Objects;
import org.billingsdk.core.catalog.PlanId;

/**
 * A change of plan or quantity that waits for a date: the end of the period already invoiced, or
 * of the contract term. Until then it can be revoked; a newer change replaces it and a cancellation
 * drops it. It takes effect at a period boundary, so it is never prorated: the period that starts
 * on its date is invoiced at the new plan and quantity. Immutable.
 *
 * @param planId the plan from its date on (the current one when only the quantity changes)
 * @param quantity the quantity from its date on, 1 or more
 * @param effectiveOn when it takes effect
 */
public record ScheduledChange(PlanId planId, int quantity, Instant effectiveOn) {

    /**
     * Checks the components.
     *
     * @param planId not null
     * @param quantity 1 or more
     * @param effectiveOn not null
     * @throws IllegalArgumentException if {@code quantity} is below 1
     */
    public ScheduledChange {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(effectiveOn, "effectiveOn");
        if (quantity < 1) {
            throw new IllegalArgumentException("a subscription is for at least one unit, not " + quantity);
        }
    }
}
