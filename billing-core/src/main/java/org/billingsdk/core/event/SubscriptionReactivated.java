package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A cancelled subscription was reactivated as a new subscription with a new environment. */
public record SubscriptionReactivated(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, SubscriptionId previousId, EnvironmentId environmentId) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "SubscriptionReactivated";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "subscription " + previousId + " reactivated as " + subscriptionId + " in environment " + environmentId;
    }
}
