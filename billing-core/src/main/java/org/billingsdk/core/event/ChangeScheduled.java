package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * A change of plan or quantity was scheduled; the subscription stays as it is until {@code effectiveOn}.
 *
 * @param eventId the event's id
 * @param occurredAt when it was recorded
 * @param companyId the company that holds the subscription
 * @param subscriptionId the subscription
 * @param planId the plan from {@code effectiveOn}
 * @param quantity the quantity from {@code effectiveOn}
 * @param effectiveOn when it takes effect
 */
public record ChangeScheduled(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId,
        PlanId planId, int quantity, Instant effectiveOn) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "ChangeScheduled";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "change of subscription " + subscriptionId + " to " + quantity + " x " + planId + " scheduled for "
                + effectiveOn;
    }
}
