package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A subscription started and its environment was provisioned; {@code trialEnd} and {@code contractEnd} may be null. */
public record SubscriptionStarted(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, PlanId planId, EnvironmentId environmentId, Instant trialEnd, Instant contractEnd) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "SubscriptionStarted";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "subscription " + subscriptionId + " started on plan " + planId + " in environment " + environmentId;
    }
}
