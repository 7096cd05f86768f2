package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.company.CompanyId;

/** An invoice was voided; it keeps its number. */
public record InvoiceVoided(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId, String number) implements CompanyEvent {

    @Override
    public String describe() {
        return "invoice " + number + " voided";
    }
}
