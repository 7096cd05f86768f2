package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A contract term ended and renewed for the same term. */
public record ContractRenewed(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, Instant contractEnd) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "ContractRenewed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "contract of subscription " + subscriptionId + " renewed until " + contractEnd;
    }
}
