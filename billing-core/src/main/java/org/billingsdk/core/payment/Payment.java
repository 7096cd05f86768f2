package org.billingsdk.core.payment;

import java.time.Instant;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.CompanyId;
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
 * @param providerReference the provider's id (such as Stripe's {@code pi_...}), or {@code null}
 * @param failureCode the decline code, or {@code null}
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
        String idempotencyKey,
        MonetaryAmount amount,
        PaymentMethodId paymentMethodId,
        String paymentMethodReference,
        PaymentStatus status,
        String providerReference,
        String failureCode,
        String message,
        Instant createdAt,
        Instant updatedAt,
        long version) {

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

    /** The idempotency key of an invoice's attempt: the same on every retry of that attempt. */
    public static String idempotencyKey(InvoiceId invoice, int attempt) {
        return "invoice-" + invoice + "-attempt-" + attempt;
    }

    /** This attempt with the provider's latest answer recorded at {@code at}. */
    public Payment withOutcome(ChargeOutcome outcome, Instant at) {
        PaymentStatus newStatus;
        String reference = providerReference;
        String code = null;
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
                paymentMethodReference, newStatus, reference, code, text, createdAt, at, version);
    }

    /** This succeeded attempt refunded at {@code at}; {@code refundReference} is the provider's id of the refund. */
    public Payment refunded(String refundReference, Instant at) {
        if (status != PaymentStatus.SUCCEEDED) {
            throw new IllegalStateException("only a succeeded payment is refunded, payment " + id + " is " + status);
        }
        return new Payment(id, invoiceId, companyId, attempt, idempotencyKey, amount, paymentMethodId,
                paymentMethodReference, PaymentStatus.REFUNDED, providerReference, null,
                "refunded as " + refundReference, createdAt, at, version);
    }

    /** The idempotency key of the refund of this attempt. */
    public String refundKey() {
        return "refund-" + id;
    }

    /** The same attempt at another storage version; used by stores. */
    public Payment withVersion(long newVersion) {
        return new Payment(id, invoiceId, companyId, attempt, idempotencyKey, amount, paymentMethodId, paymentMethodReference,
                status, providerReference, failureCode, message, createdAt, updatedAt, newVersion);
    }
}
