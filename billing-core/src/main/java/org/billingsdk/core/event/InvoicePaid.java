package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.company.CompanyId;

/** An invoice was paid in full. */
public record InvoicePaid(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId, String number) implements CompanyEvent {

    @Override
    public String describe() {
        return "invoice " + number + " paid";
    }
}
