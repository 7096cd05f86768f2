package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * A scheduled change of plan or quantity will not take effect: revoked, replaced by a newer change,
 * or dropped by a cancellation.
 *
 * @param eventId the event's id
 * @param occurredAt when it was recorded
 * @param companyId the company that holds the subscription
 * @param subscriptionId the subscription
 * @param planId the plan it would have changed to
 * @param quantity the quantity it would have changed to
 * @param effectiveOn the date it was scheduled for
 * @param why why it will not take effect
 */
public record ScheduledChangeRevoked(UUID eventId, Instant occurredAt, CompanyId companyId,
        SubscriptionId subscriptionId, PlanId planId, int quantity, Instant effectiveOn, Why why)
        implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "ScheduledChangeRevoked";

    /** Why a scheduled change will not take effect. */
    public enum Why {
        /** Someone revoked it. */
        REVOKED,
        /** A newer change replaced it. */
        REPLACED,
        /** The subscription was cancelled, or its cancellation scheduled. */
        CANCELLED
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "scheduled change of subscription " + subscriptionId + " to " + quantity + " x " + planId + " on "
                + effectiveOn + " " + (why == Why.REVOKED ? "revoked" : why == Why.REPLACED ? "replaced" : "dropped by"
                + " the cancellation");
    }
}
