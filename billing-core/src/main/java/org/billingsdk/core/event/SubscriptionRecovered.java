package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.company.CompanyId;

/** A past-due subscription is active again after its invoice was paid or voided. */
public record SubscriptionRecovered(UUID eventId, Instant occurredAt, CompanyId companyId, SubscriptionId subscriptionId, InvoiceId invoiceId) implements CompanyEvent {

    @Override
    public String describe() {
        return "subscription " + subscriptionId + " is active again: invoice " + invoiceId + " is settled";
    }
}
