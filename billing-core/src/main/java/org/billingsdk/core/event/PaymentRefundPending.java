package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.RefundReference;

/**
 * A refund of a paid invoice was asked for and is under way at the provider (a SEPA refund takes
 * days); its end is reported as {@link PaymentRefunded} or {@link PaymentRefundFailed}.
 */
public record PaymentRefundPending(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId,
        int attempt, RefundReference refundReference, MonetaryAmount amount) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "PaymentRefundPending";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "refund of payment attempt " + attempt + " of invoice " + invoiceId + " under way ("
                + Amounts.format(amount) + ")";
    }
}
