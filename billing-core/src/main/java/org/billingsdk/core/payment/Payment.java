package org.billingsdk.core.payment;

import java.time.Instant;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;

/**
 * One attempt to charge an invoice: a line of the billing history's "detailed record of all
 * billing transactions". Immutable and thread-safe.
 *
 * @param id its identifier
 * @param invoiceId the invoice charged
 * @param companyId the company billed
 * @param attempt 1 for the first attempt, 2 for the first retry, ...
 * @param idempotencyKey derived from invoice and attempt; the provider never charges twice under it
 * @param amount the amount charged
 * @param paymentMethodId the method charged, or {@code null} when the company had none
 * @param paymentMethodReference the provider's id of that method, kept so that an unsettled
 *     attempt is reconciled with exactly the request it was made with, even after the method was
 *     removed; {@code null} when the company had none
 * @param status where it stands
 * @param providerReference the provider's id of the charge (such as Stripe's {@code pi_...}), or
 *     {@code null} before it answered one
 * @param refundReference the provider's id of the refund of this payment, or {@code null} when no
 *     refund was asked for (or the provider refused it before making one)
 * @param failureCode the provider's decline code of the charge or of its refund, or {@code null}
 * @param message a sentence for people about the last outcome, or {@code null}
 * @param createdAt when the attempt started
 * @param updatedAt when it last changed
 * @param version the storage version, 0 before it is first stored
 */
public record Payment(
        PaymentId id,
        InvoiceId invoiceId,
        CompanyId companyId,
        int attempt,
        IdempotencyKey idempotencyKey,
        MonetaryAmount amount,
        PaymentMethodId paymentMethodId,
        PaymentMethodReference paymentMethodReference,
        PaymentStatus status,
        ChargeReference providerReference,
        RefundReference refundReference,
        DeclineCode failureCode,
        String message,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /**
     * Checks the attempt.
     *
     * @param id not {@code null}
     * @param invoiceId not {@code null}
     * @param companyId not {@code null}
     * @param attempt 1 or more
     * @param idempotencyKey not {@code null}
     * @param amount not {@code null}
     * @param paymentMethodId may be {@code null}
     * @param paymentMethodReference may be {@code null}
     * @param status not {@code null}
     * @param providerReference may be {@code null}
     * @param refundReference may be {@code null}
     * @param failureCode may be {@code null}
     * @param message may be {@code null}
     * @param createdAt not {@code null}
     * @param updatedAt not {@code null}
     * @param version not checked
     * @throws IllegalArgumentException if {@code attempt} is below 1
     * @throws NullPointerException if a required component is {@code null}
     */
    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1");
        }
    }

    /**
     * The next attempt on {@code invoice}, for its amount due, charged to {@code method}: recorded
     * before the provider is called, as {@link PaymentStatus#UNKNOWN} ("charge requested") until an
     * answer comes, under the idempotency key of the invoice and attempt.
     *
     * @param invoice the open invoice charged; not null
     * @param method its company's default payment method, or {@code null} when it has none (the
     *     attempt is then declined without calling the provider)
     * @param now when the attempt is made; not null
     * @return the attempt, numbered after the invoice's attempts so far, not stored yet (version 0)
     */
    public static Payment newAttempt(Invoice invoice, PaymentMethod method, Instant now) {
        int attempt = invoice.paymentAttempts() + 1;
        return new Payment(PaymentId.random(), invoice.id(), invoice.companyId(), attempt,
                IdempotencyKey.forAttempt(invoice.id(), attempt), invoice.amountDue(),
                method == null ? null : method.id(), method == null ? null : method.providerReference(),
                PaymentStatus.UNKNOWN, null, null, null, "charge requested", now, now, 0);
    }

    /**
     * This attempt with the provider's latest answer recorded at {@code at}.
     *
     * @param outcome what the provider answered
     * @param at when it was recorded, by the billing clock
     * @return the attempt with the outcome's status, decline code and message, and the provider's
     *     reference when the answer has one; the version unchanged
     */
    public Payment withOutcome(ChargeOutcome outcome, Instant at) {
        PaymentStatus newStatus;
        ChargeReference reference = providerReference;
        DeclineCode code = null;
        String text = null;
        if (outcome instanceof ChargeOutcome.Succeeded succeeded) {
            newStatus = PaymentStatus.SUCCEEDED;
            reference = succeeded.providerReference();
        } else if (outcome instanceof ChargeOutcome.Pending pending) {
            newStatus = PaymentStatus.PENDING;
            reference = pending.providerReference();
        } else if (outcome instanceof ChargeOutcome.Declined declined) {
            newStatus = PaymentStatus.DECLINED;
            reference = declined.providerReference() == null ? reference : declined.providerReference();
            code = declined.code();
            text = declined.message();
        } else {
            newStatus = PaymentStatus.UNKNOWN;
            text = ((ChargeOutcome.Unknown) outcome).detail();
        }
        return new Payment(id, invoiceId, companyId, attempt, idempotencyKey, amount, paymentMethodId,
                paymentMethodReference, newStatus, reference, refundReference, code, text, createdAt, at, version);
    }

    /**
     * This paid attempt with the provider's answer to its refund, or a later report of it, recorded
     * at {@code at}. A refund made is {@link PaymentStatus#REFUNDED}; one under way (a SEPA refund
     * takes days) is {@link PaymentStatus#REFUND_PENDING}; one the provider made and then reports as
     * failed, or one under way that is refused, is {@link PaymentStatus#REFUND_FAILED} (the money
     * stays taken) with the provider's code as the failure code. The end of a refund is final: once
     * refunded or failed, later reports change nothing. An unknown outcome, a refusal before any
     * refund was made (no reference), a report of another refund than the one recorded (another
     * reference) and a repeated report change nothing either.
     *
     * @param outcome what the provider answered or reported of the refund; not null
     * @param at when it was recorded, by the billing clock
     * @return the attempt with its refund's status and reference, or this attempt when nothing
     *     changes; the version unchanged
     * @throws IllegalStateException unless the money of this attempt was taken ({@link PaymentStatus#wasTaken})
     */
    public Payment withRefund(RefundOutcome outcome, Instant at) {
        Objects.requireNonNull(outcome, "outcome");
        if (!status.wasTaken()) {
            throw new IllegalStateException("only a paid attempt is refunded, payment " + id + " is " + status);
        }
        RefundReference reported = referenceOf(outcome);
        boolean another = refundReference != null && reported != null && !refundReference.equals(reported);
        if (status == PaymentStatus.REFUNDED || status == PaymentStatus.REFUND_FAILED || another) {
            return this;
        }
        if (outcome instanceof RefundOutcome.Succeeded succeeded) {
            return refund(PaymentStatus.REFUNDED, succeeded.reference(), null, "refunded", at);
        }
        if (outcome instanceof RefundOutcome.Pending pending) {
            return status == PaymentStatus.REFUND_PENDING ? this
                    : refund(PaymentStatus.REFUND_PENDING, pending.reference(), null, "refund under way", at);
        }
        if (outcome instanceof RefundOutcome.Declined declined
                && (status == PaymentStatus.REFUND_PENDING || declined.reference() != null)) {
            return refund(PaymentStatus.REFUND_FAILED,
                    declined.reference() == null ? refundReference : declined.reference(),
                    declined.code(), declined.message(), at);
        }
        return this;
    }

    private static RefundReference referenceOf(RefundOutcome outcome) {
        if (outcome instanceof RefundOutcome.Succeeded succeeded) {
            return succeeded.reference();
        }
        if (outcome instanceof RefundOutcome.Pending pending) {
            return pending.reference();
        }
        return outcome instanceof RefundOutcome.Declined declined ? declined.reference() : null;
    }

    private Payment refund(PaymentStatus newStatus, RefundReference reference, DeclineCode code, String text,
            Instant at) {
        return new Payment(id, invoiceId, companyId, attempt, idempotencyKey, amount, paymentMethodId,
                paymentMethodReference, newStatus, providerReference, reference, code, text, createdAt, at, version);
    }

    /**
     * The idempotency key of the refund of this attempt.
     *
     * @return the same on every retry of the refund ({@link IdempotencyKey#forRefund})
     */
    public IdempotencyKey refundKey() {
        return IdempotencyKey.forRefund(id);
    }

    /**
     * The same attempt at another storage version; used by stores.
     *
     * @param newVersion the version as stored
     * @return a copy with that version and every other field unchanged
     */
    public Payment withVersion(long newVersion) {
        return new Payment(id, invoiceId, companyId, attempt, idempotencyKey, amount, paymentMethodId,
                paymentMethodReference, status, providerReference, refundReference, failureCode, message, createdAt,
                updatedAt, newVersion);
    }
}
