package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A scheduled cancellation was removed; service continues without interruption. */
public record CancellationRevoked(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId) implements CompanyEvent {

    @Override
    public String describe() {
        return "scheduled cancellation of subscription " + subscriptionId + " removed";
    }
}
