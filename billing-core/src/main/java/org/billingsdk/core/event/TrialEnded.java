package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A trial ended and the subscription became active (paid). */
public record TrialEnded(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId) implements CompanyEvent {

    @Override
    public String describe() {
        return "trial of subscription " + subscriptionId + " ended";
    }
}
