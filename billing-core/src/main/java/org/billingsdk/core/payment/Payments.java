package org.billingsdk.core.payment;

import org.billingsdk.core.NotFoundException;

/**
 * What the payment provider reports after the fact (a SEPA debit that settled or was returned, a
 * payment the customer finished): the host's webhook endpoint hands it here. Obtained from
 * {@code Billing.payments()}; thread-safe. A host operation: recorded as done by
 * {@value org.billingsdk.core.audit.AuditRecord#PAYMENT_PROVIDER}.
 */
public interface Payments {

    /**
     * Records the provider's outcome of the attempt charged under {@code idempotencyKey}, and
     * moves the invoice, the subscription and the dunning on as an immediate answer would have.
     * Deliveries may repeat and arrive out of order: once an attempt has a final outcome
     * (succeeded, declined), later reports change nothing.
     *
     * @param idempotencyKey the attempt's key, as the provider echoes it back (the Stripe adapter
     *     reads it from the PaymentIntent's metadata)
     * @param outcome what the provider reports
     * @return the attempt's status afterwards
     * @throws NotFoundException if no attempt was made under that key
     */
    PaymentStatus recordOutcome(IdempotencyKey idempotencyKey, ChargeOutcome outcome);

    /**
     * Records what the provider reports of the refund of the attempt charged under
     * {@code idempotencyKey}: a refund under way that settled ({@link RefundOutcome.Succeeded}) or
     * failed ({@link RefundOutcome.Declined}, the money stays with the seller). Deliveries may
     * repeat and arrive out of order: once a refund has ended (refunded, failed), later reports
     * change nothing, and a report that changes nothing writes nothing. Emits
     * {@code PaymentRefunded}, {@code PaymentRefundPending} or {@code PaymentRefundFailed} for the
     * step it records.
     *
     * @param idempotencyKey the key of the paid attempt the refund gives back (the Stripe adapter
     *     reads it from the refund's metadata)
     * @param outcome what the provider reports of the refund
     * @return the attempt's status afterwards
     * @throws NotFoundException if no attempt was made under that key
     * @throws org.billingsdk.core.RefusedException with {@code INVOICE_NOT_PAID} if the attempt took
     *     no money, so there is nothing to refund
     */
    PaymentStatus recordRefundOutcome(IdempotencyKey idempotencyKey, RefundOutcome outcome);

    /**
     * Records what the provider reports of a refund, whichever way it was asked for: the refund a
     * credit note asked for under {@code refundKey} ({@code Billing.credits()}, possibly one of
     * several partial refunds of the charge), or else the refund of the whole invoice
     * ({@code Invoices.refund}) of the attempt charged under {@code chargeKey}, as
     * {@link #recordRefundOutcome(IdempotencyKey, RefundOutcome)} does. Deliveries may repeat and
     * arrive out of order: once a refund has ended (refunded, failed), later reports change nothing,
     * and a report that changes nothing writes nothing. A credit note's refund that fails puts its
     * amount on the credit balance, once. Emits {@code PaymentRefunded}, {@code PaymentRefundPending}
     * or {@code PaymentRefundFailed} for the step it records.
     *
     * @param chargeKey the key of the refunded charge (the Stripe adapter reads it from the
     *     refund's metadata)
     * @param refundKey the refund's own key, as the provider echoes it back
     * @param outcome what the provider reports of the refund
     * @return the refunded attempt's status afterwards: {@code SUCCEEDED} while only part of it is
     *     refunded
     * @throws NotFoundException if neither key names a refund or an attempt
     * @throws org.billingsdk.core.RefusedException with {@code INVOICE_NOT_PAID} if the attempt took
     *     no money, so there is nothing to refund
     */
    PaymentStatus recordRefundOutcome(IdempotencyKey chargeKey, IdempotencyKey refundKey, RefundOutcome outcome);
}
