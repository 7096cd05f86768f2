package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.company.CompanyId;

/** An invoice was finalized and numbered; its content never changes again. */
public record InvoiceIssued(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId, String number, String total) implements CompanyEvent {

    @Override
    public String describe() {
        return "invoice " + number + " issued for " + total;
    }
}
