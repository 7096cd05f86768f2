package org.billingsdk.core.credit;

import java.time.Instant;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.PaymentId;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.RefundReference;

/**
 * The refund a credit note asked for: part or all of one succeeded charge given back to the payment
 * method, under an idempotency key of the credit note, so that asking again never refunds twice.
 * Immutable; the SDK stores each new status with a versioned update.
 *
 * @param id its identifier
 * @param creditNoteId the credit note whose total it gives back
 * @param invoiceId the refunded invoice
 * @param companyId the company the invoice billed
 * @param paymentId the succeeded payment attempt it refunds
 * @param chargeKey that attempt's idempotency key
 * @param chargeReference the provider's id of the charge
 * @param amount what it gives back, above zero
 * @param idempotencyKey its own key, {@link #keyOf(CreditNoteId)}
 * @param status where it stands
 * @param reference the provider's id of the refund, once it made one
 * @param failureCode the provider's code when it failed, or {@code null}
 * @param message what the provider said last, for people; may be {@code null}
 * @param createdAt when it was asked for
 * @param updatedAt when its status last changed
 * @param version the storage version, 0 before it is stored
 */
public record Refund(RefundId id, CreditNoteId creditNoteId, InvoiceId invoiceId, CompanyId companyId,
        PaymentId paymentId, IdempotencyKey chargeKey, ChargeReference chargeReference, MonetaryAmount amount,
        IdempotencyKey idempotencyKey, RefundStatus status, RefundReference reference, DeclineCode failureCode,
        String message, Instant createdAt, Instant updatedAt, long version) {

    /**
     * Checks the refund.
     *
     * @param id not {@code null}
     * @param creditNoteId not {@code null}
     * @param invoiceId not {@code null}
     * @param companyId not {@code null}
     * @param paymentId not {@code null}
     * @param chargeKey not {@code null}
     * @param chargeReference not {@code null}
     * @param amount above zero
     * @param idempotencyKey not {@code null}
     * @param status not {@code null}
     * @param reference may be {@code null}
     * @param failureCode may be {@code null}
     * @param message may be {@code null}
     * @param createdAt not {@code null}
     * @param updatedAt not {@code null}
     * @param version 0 or more
     * @throws NullPointerException if a required component is {@code null}
     * @throws IllegalArgumentException if the amount is not above zero or the version is negative
     */
    public Refund {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(creditNoteId, "creditNoteId");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(chargeKey, "chargeKey");
        Objects.requireNonNull(chargeReference, "chargeReference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a refund gives back more than nothing");
        }
        if (version < 0) {
            throw new IllegalArgumentException("a version is 0 or more");
        }
    }

    /**
     * The idempotency key of the refund a credit note asks for: the same on every try.
     *
     * @param creditNote the credit note
     * @return {@code credit-note-<id>-refund}
     */
    public static IdempotencyKey keyOf(CreditNoteId creditNote) {
        return IdempotencyKey.of("credit-note-" + creditNote + "-refund");
    }

    /**
     * This refund with what the provider answered or reported, recorded at {@code at}. Made
     * ({@code Succeeded}) is {@code SUCCEEDED}; under way is {@code PENDING}; refused or failed is
     * {@code FAILED} with the provider's code; an unknown outcome changes nothing (the refund stays
     * as it was, to be asked again under its key). A refund that has ended never changes again, and
     * a report of another refund than the one recorded (another reference) changes nothing.
     *
     * @param outcome what the provider answered or reported; not null
     * @param at when it is recorded; not null
     * @return the refund afterwards, or this refund when nothing changes
     */
    public Refund withOutcome(RefundOutcome outcome, Instant at) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        if (status.isFinal() || outcome instanceof RefundOutcome.Unknown) {
            return this;
        }
        RefundReference reported = outcome instanceof RefundOutcome.Succeeded s ? s.reference()
                : outcome instanceof RefundOutcome.Pending p ? p.reference()
                : ((RefundOutcome.Declined) outcome).reference();
        if (reference != null && reported != null && !reference.equals(reported)) {
            return this;
        }
        RefundReference kept = reported == null ? reference : reported;
        if (outcome instanceof RefundOutcome.Succeeded) {
            return with(RefundStatus.SUCCEEDED, kept, null, "refunded", at);
        }
        if (outcome instanceof RefundOutcome.Pending) {
            return status == RefundStatus.PENDING && Objects.equals(kept, reference) ? this
                    : with(RefundStatus.PENDING, kept, null, "refund under way", at);
        }
        RefundOutcome.Declined declined = (RefundOutcome.Declined) outcome;
        return with(RefundStatus.FAILED, kept, declined.code(), declined.message(), at);
    }

    /**
     * The same refund at another storage version; used by stores.
     *
     * @param newVersion the version as stored
     * @return a copy with that version
     */
    public Refund withVersion(long newVersion) {
        return new Refund(id, creditNoteId, invoiceId, companyId, paymentId, chargeKey, chargeReference, amount,
                idempotencyKey, status, reference, failureCode, message, createdAt, updatedAt, newVersion);
    }

    private Refund with(RefundStatus newStatus, RefundReference newReference, DeclineCode code, String text,
            Instant at) {
        return new Refund(id, creditNoteId, invoiceId, companyId, paymentId, chargeKey, chargeReference, amount,
                idempotencyKey, newStatus, newReference, code, text, createdAt, at, version);
    }
}
