package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * A change of plan or quantity took effect, at once or on its scheduled date: the subscription
 * (its id and environment) is the same, on a new plan or quantity from {@code effectiveAt}. A host
 * resizes the environment on it.
 *
 * @param eventId the event's id
 * @param occurredAt when it was recorded
 * @param companyId the company that holds the subscription
 * @param subscriptionId the subscription
 * @param fromPlan the plan until then
 * @param fromQuantity the quantity until then
 * @param toPlan the plan from then on
 * @param toQuantity the quantity from then on
 * @param effectiveAt when it took effect
 */
public record SubscriptionChanged(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId,
        PlanId fromPlan, int fromQuantity, PlanId toPlan, int toQuantity, Instant effectiveAt) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "SubscriptionChanged";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "subscription " + subscriptionId + " changed from " + fromQuantity + " x " + fromPlan + " to "
                + toQuantity + " x " + toPlan + " at " + effectiveAt;
    }
}
