package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/** The environments port confirmed that a cancelled subscription's environment and data are gone. */
public record SubscriptionDataErased(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, EnvironmentId environmentId) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "SubscriptionDataErased";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "data of subscription " + subscriptionId + " erased with environment " + environmentId;
    }
}
