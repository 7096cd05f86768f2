package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A cancellation took effect: no more service or invoices; the data erasure follows. */
public record SubscriptionCancelled(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, Instant effectiveAt) implements CompanyEvent {

    @Override
    public String describe() {
        return "subscription " + subscriptionId + " cancelled with effect at " + effectiveAt;
    }
}
