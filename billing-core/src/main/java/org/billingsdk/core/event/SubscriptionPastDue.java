package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A subscription became past due after a failed payment; it stays in service while retries run. */
public record SubscriptionPastDue(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, InvoiceId invoiceId) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "SubscriptionPastDue";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "subscription " + subscriptionId + " is past due on invoice " + invoiceId;
    }
}
