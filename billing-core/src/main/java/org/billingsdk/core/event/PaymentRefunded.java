package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.RefundReference;

/** The money of a paid invoice was given back; the invoice stays paid and keeps its number. */
public record PaymentRefunded(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId,
        int attempt, RefundReference refundReference, MonetaryAmount amount) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "PaymentRefunded";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "payment attempt " + attempt + " of invoice " + invoiceId + " refunded (" + Amounts.format(amount) + ")";
    }
}
