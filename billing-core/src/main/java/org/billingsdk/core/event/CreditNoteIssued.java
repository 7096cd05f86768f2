package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;

/**
 * A credit note was issued on an invoice: its number, the invoice's, its total (VAT included) and
 * what the credit does.
 */
public record CreditNoteIssued(UUID eventId, Instant occurredAt, CompanyId companyId, CreditNoteId creditNoteId,
        InvoiceNumber number, InvoiceId invoiceId, InvoiceNumber invoiceNumber, MonetaryAmount total,
        CreditDestination destination) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "CreditNoteIssued";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "credit note " + number + " of " + Amounts.format(total) + " issued on invoice " + invoiceNumber
                + " (" + destination + ")";
    }
}
