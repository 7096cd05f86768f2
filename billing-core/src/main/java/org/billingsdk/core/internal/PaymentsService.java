package org.billingsdk.core.internal;

import java.util.Objects;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.Payments;

/** The implementation of {@link Payments}. */
public final class PaymentsService implements Payments {

    private final Context context;
    private final OutcomeRecording outcomes;

    public PaymentsService(Context context, OutcomeRecording outcomes) {
        this.context = Objects.requireNonNull(context);
        this.outcomes = Objects.requireNonNull(outcomes);
    }

    @Override
    public PaymentStatus recordOutcome(String idempotencyKey, ChargeOutcome outcome) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(outcome, "outcome");
        context.read(() -> context.storage().payments().findByIdempotencyKey(idempotencyKey))
                .orElseThrow(() -> new NotFoundException(EntityKind.PAYMENT, idempotencyKey));
        return outcomes.record(idempotencyKey, outcome, context.now(), Who.PAYMENT_PROVIDER);
    }
}
