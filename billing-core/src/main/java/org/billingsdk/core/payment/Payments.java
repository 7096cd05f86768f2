package org.billingsdk.core.payment;

import java.util.Objects;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.internal.Collection;
import org.billingsdk.core.internal.Context;
import org.billingsdk.core.internal.Who;

/**
 * What the payment provider reports after the fact (a SEPA debit that settled or was returned, a
 * payment the customer finished): the host's webhook endpoint hands it here. Obtained from
 * {@code Billing.payments()}; thread-safe. A host operation: recorded as done by
 * {@value #PROVIDER}.
 */
public final class Payments {

    /** The {@code who} of changes the payment provider reported. */
    public static final String PROVIDER = "payment-provider";

    private final Context context;
    private final Collection collection;

    /**
     * For {@code Billing}; hosts obtain this from {@code Billing.payments()}.
     *
     * @param context the SDK's storage, ports and clock; internal
     * @param collection records payment outcomes and runs the dunning; internal
     */
    public Payments(Context context, Collection collection) {
        this.context = Objects.requireNonNull(context);
        this.collection = Objects.requireNonNull(collection);
    }

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
    public PaymentStatus recordOutcome(String idempotencyKey, ChargeOutcome outcome) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(outcome, "outcome");
        context.read(() -> context.storage().payments().findByIdempotencyKey(idempotencyKey))
                .orElseThrow(() -> new NotFoundException("payment", idempotencyKey));
        return collection.record(idempotencyKey, outcome, context.now(), new Who(PROVIDER, null));
    }
}
