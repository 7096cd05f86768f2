package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;

/** An invoice was paid in full. */
public record InvoicePaid(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId, InvoiceNumber number) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "InvoicePaid";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "invoice " + number + " paid";
    }
}
