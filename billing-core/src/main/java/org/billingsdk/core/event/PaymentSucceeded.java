package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.company.CompanyId;

/** A payment attempt took the money. */
public record PaymentSucceeded(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId, int attempt, String providerReference) implements CompanyEvent {

    @Override
    public String describe() {
        return "payment attempt " + attempt + " of invoice " + invoiceId + " succeeded";
    }
}
