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
     * The idempotency key of an invoice's attempt: the same on every retry of that attempt.
     *
     * @param invoice the invoice charged
     * @param attempt the attempt, from 1
     * @return {@code invoice-<invoice id>-attempt-<attempt>}
     */
    public static String idempotencyKey(InvoiceId invoice, int attempt) {
        return "invoice-" + invoice + "-attempt-" + attempt;
    }

    /**
     * The next attempt on {@code invoice}, charged to {@code method}: recorded before the provider
     * is called, as {@link PaymentStatus#UNKNOWN} ("charge requested") until an answer comes, under
     * the idempotency key of the invoice and attempt.
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
                idempotencyKey(invoice.id(), attempt), invoice.total(),
                method == null ? null : method.id(), method == null ? null : method.providerReference(),
                PaymentStatus.UNKNOWN, null, null, "charge requested", now, now, 0);
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

    /**
     * This succeeded attempt refunded at {@code at}.
     *
     * @param refundReference the provider's id of the refund, kept in the message
     * @param at when the refund was recorded, by the billing clock
     * @return the attempt as {@link PaymentStatus#REFUNDED}, keeping the charge's reference; the
     *     version unchanged
     * @throws IllegalStateException unless this attempt succeeded
     */
    public Payment refunded(String refundReference, Instant at) {
        if (status != PaymentStatus.SUCCEEDED) {
            throw new IllegalStateException("only a succeeded payment is refunded, payment " + id + " is " + status);
        }
        return new Payment(id, invoiceId, companyId, attempt, idempotencyKey, amount, paymentMethodId,
                paymentMethodReference, PaymentStatus.REFUNDED, providerReference, null,
                "refunded as " + refundReference, createdAt, at, version);
    }

    /**
     * The idempotency key of the refund of this attempt.
     *
     * @return {@code refund-<payment id>}: the same on every retry of the refund
     */
    public String refundKey() {
        return "refund-" + id;
    }

    /**
     * The same attempt at another storage version; used by stores.
     *
     * @param newVersion the version as stored
     * @return a copy with that version and every other field unchanged
     */
    public Payment withVersion(long newVersion) {
        return new Payment(id, invoiceId, companyId, attempt, idempotencyKey, amount, paymentMethodId, paymentMethodReference,
                status, providerReference, failureCode, message, createdAt, updatedAt, newVersion);
    }
}
