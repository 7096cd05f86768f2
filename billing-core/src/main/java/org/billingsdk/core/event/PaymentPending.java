package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeReference;

/** A payment attempt was accepted and awaits settlement (SEPA Direct Debit). */
public record PaymentPending(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId,
        int attempt, ChargeReference providerReference) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "PaymentPending";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "payment attempt " + attempt + " of invoice " + invoiceId + " is pending settlement";
    }
}
