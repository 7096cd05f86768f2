package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.company.CompanyId;

/** A subscription became past due after a failed payment; it stays in service while retries run. */
public record SubscriptionPastDue(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, InvoiceId invoiceId) implements CompanyEvent {

    @Override
    public String describe() {
        return "subscription " + subscriptionId + " is past due on invoice " + invoiceId;
    }
}
