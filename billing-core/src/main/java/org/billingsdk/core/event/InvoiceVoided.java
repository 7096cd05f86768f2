package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;

/** An invoice was voided; it keeps its number. */
public record InvoiceVoided(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId, InvoiceNumber number) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "InvoiceVoided";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "invoice " + number + " voided";
    }
}
