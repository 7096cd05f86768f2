package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A cancellation was scheduled; the subscription keeps its service until {@code effectiveOn}. */
public record CancellationScheduled(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, Instant effectiveOn) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "CancellationScheduled";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "cancellation of subscription " + subscriptionId + " scheduled for " + effectiveOn;
    }
}
