package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A cancellation was scheduled; the subscription keeps its service until {@code effectiveOn}. */
public record CancellationScheduled(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, Instant effectiveOn) implements CompanyEvent {

    @Override
    public String describe() {
        return "cancellation of subscription " + subscriptionId + " scheduled for " + effectiveOn;
    }
}
