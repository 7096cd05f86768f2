package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.RefundReference;

/**
 * A refund the provider had accepted failed there (the customer's bank returned it, or it was
 * cancelled): the money stays with the seller, and the payment is no longer refundable under the
 * SDK; the host settles it with the customer.
 *
 * @param refundReference the provider's id of the refund, such as Stripe's {@code re_...}
 * @param amount the amount the refund was for
 * @param failureCode the provider's reason (such as Stripe's {@code failure_reason}); may be {@code null}
 */
public record PaymentRefundFailed(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId,
        int attempt, RefundReference refundReference, MonetaryAmount amount, String failureCode)
        implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "PaymentRefundFailed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "refund of payment attempt " + attempt + " of invoice " + invoiceId + " failed ("
                + Amounts.format(amount) + (failureCode == null ? "" : ", " + failureCode) + ")";
    }
}
