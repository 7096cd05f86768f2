package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.company.CompanyId;

/** An invoice was given up on after the last payment retry; it keeps its number. */
public record InvoiceUncollectible(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId, String number) implements CompanyEvent {

    @Override
    public String describe() {
        return "invoice " + number + " marked uncollectible";
    }
}
