package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;

/** An invoice was finalized and numbered; its content never changes again. */
public record InvoiceIssued(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId,
        InvoiceNumber number, MonetaryAmount total) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "InvoiceIssued";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "invoice " + number + " issued for " + Amounts.format(total);
    }
}
