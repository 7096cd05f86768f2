package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A trial ended and the subscription became active (paid). */
public record TrialEnded(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "TrialEnded";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "trial of subscription " + subscriptionId + " ended";
    }
}
