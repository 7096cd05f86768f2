package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A cancellation took effect: no more service or invoices; the data erasure follows. */
public record SubscriptionCancelled(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, Instant effectiveAt) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "SubscriptionCancelled";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "subscription " + subscriptionId + " cancelled with effect at " + effectiveAt;
    }
}
