package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A past-due subscription is active again after its invoice was paid or voided. */
public record SubscriptionRecovered(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, InvoiceId invoiceId) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "SubscriptionRecovered";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "subscription " + subscriptionId + " is active again: invoice " + invoiceId + " is settled";
    }
}
