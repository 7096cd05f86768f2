package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;

/** The money of a paid invoice was given back; the invoice stays paid and keeps its number. */
public record PaymentRefunded(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId,
        int attempt, String refundReference, String amount) implements CompanyEvent {

    @Override
    public String describe() {
        return "payment attempt " + attempt + " of invoice " + invoiceId + " refunded (" + amount + ")";
    }
}
