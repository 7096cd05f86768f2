package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.Objects;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.credit.Refund;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.Payments;
import org.billingsdk.core.payment.RefundOutcome;

/** The implementation of {@link Payments}. */
public final class PaymentsService implements Payments {

    private final Context context;
    private final OutcomeRecording outcomes;
    private final CreditsService credits;

    public PaymentsService(Context context, OutcomeRecording outcomes, CreditsService credits) {
        this.context = Objects.requireNonNull(context);
        this.outcomes = Objects.requireNonNull(outcomes);
        this.credits = Objects.requireNonNull(credits);
    }

    @Override
    public PaymentStatus recordRefundOutcome(IdempotencyKey chargeKey, IdempotencyKey refundKey,
            RefundOutcome outcome) {
        Objects.requireNonNull(chargeKey, "chargeKey");
        Objects.requireNonNull(refundKey, "refundKey");
        Objects.requireNonNull(outcome, "outcome");
        if (context.read(() -> context.storage().refunds().findByIdempotencyKey(refundKey)).isEmpty()) {
            return recordRefundOutcome(chargeKey, outcome);
        }
        Instant now = context.now();
        return context.write(Who.PAYMENT_PROVIDER, now, changes -> {
            Refund refund = context.storage().refunds().findByIdempotencyKey(refundKey).orElseThrow();
            credits.recordRefund(refund, outcome, changes);
            return context.storage().payments().findByIdempotencyKey(refund.chargeKey())
                    .map(Payment::status).orElseThrow(() -> new NotFoundException(EntityKind.PAYMENT,
                            refund.chargeKey()));
        });
    }

    @Override
    public PaymentStatus recordOutcome(IdempotencyKey idempotencyKey, ChargeOutcome outcome) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(outcome, "outcome");
        context.read(() -> context.storage().payments().findByIdempotencyKey(idempotencyKey))
                .orElseThrow(() -> new NotFoundException(EntityKind.PAYMENT, idempotencyKey));
        return outcomes.record(idempotencyKey, outcome, context.now(), Who.PAYMENT_PROVIDER);
    }

    @Override
    public PaymentStatus recordRefundOutcome(IdempotencyKey idempotencyKey, RefundOutcome outcome) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(outcome, "outcome");
        Instant now = context.now();
        return context.write(Who.PAYMENT_PROVIDER, now, changes -> {
            Payment current = context.storage().payments().findByIdempotencyKey(idempotencyKey)
                    .orElseThrow(() -> new NotFoundException(EntityKind.PAYMENT, idempotencyKey));
            if (!current.status().wasTaken()) {
                throw new RefusedException(new Refusal(RefusalCode.INVOICE_NOT_PAID, "Payment attempt "
                        + current.attempt() + " of invoice " + current.invoiceId() + " is " + current.status()
                        + "; it took no money to refund."));
            }
            return outcomes.recordRefund(current, outcome, now, changes).status();
        });
    }
}
