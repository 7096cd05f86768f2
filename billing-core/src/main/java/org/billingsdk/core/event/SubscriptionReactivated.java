package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A cancelled subscription was reactivated as a new subscription with a new environment. */
public record SubscriptionReactivated(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, SubscriptionId previousId, EnvironmentId environmentId) implements CompanyEvent {

    @Override
    public String describe() {
        return "subscription " + previousId + " reactivated as " + subscriptionId + " in environment " + environmentId;
    }
}
