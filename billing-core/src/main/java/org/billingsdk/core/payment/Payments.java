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
    PaymentStatus recordOutcome(String idempotencyKey, ChargeOutcome outcome);
}
