package org.billingsdk.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.RefundReference;

/** Stripe's answers to a charge or a refund as the core's {@link ChargeOutcome}s and {@link RefundOutcome}s. */
final class Outcomes {

    /** The code of a decline Stripe gave no usable code for. */
    private static final DeclineCode PAYMENT_FAILED = DeclineCode.of("payment_failed");

    private Outcomes() {
    }

    /** The outcome a PaymentIntent stands at. */
    static ChargeOutcome of(PaymentIntent intent) {
        ChargeReference id = charge(intent.getId());
        String status = String.valueOf(intent.getStatus());
        switch (status) {
            case "succeeded":
                return new ChargeOutcome.Succeeded(id);
            case "processing":
            case "requires_capture":
                return new ChargeOutcome.Pending(id);
            case "requires_payment_method":
                StripeError error = intent.getLastPaymentError();
                return error == null
                        ? new ChargeOutcome.Declined(id, PAYMENT_FAILED, "The payment failed.")
                        : declined(id, error.getDeclineCode(), error.getCode(), error.getMessage());
            case "requires_action":
                return new ChargeOutcome.Declined(id, DeclineCode.of("authentication_required"),
                        "The bank asks the customer to authenticate this payment, which a charge made while the"
                                + " customer is away cannot do.");
            case "canceled":
                String reason = intent.getCancellationReason();
                return new ChargeOutcome.Declined(id, DeclineCode.of("canceled"),
                        "The payment was canceled" + (reason == null ? "" : " (" + reason + ")") + ".");
            default:
                return new ChargeOutcome.Unknown("PaymentIntent " + id + " is " + status);
        }
    }

    /**
     * The outcome a failed call to charge stands for: a decline for a card error or a refused
     * request; unknown for no answer, a server error, an unreadable answer or lasting rate limiting.
     *
     * @throws StripeAdapterException for a configuration or programming error (a rejected API
     *     key, a missing permission, an idempotency key reused with other parameters)
     */
    static ChargeOutcome ofFailure(String operation, StripeException e) {
        if (e instanceof CardException card) {
            StripeError error = card.getStripeError();
            return declined(intentId(error), card.getDeclineCode(), card.getCode(),
                    error == null ? null : error.getMessage());
        }
        if (e instanceof InvalidRequestException invalid) {
            StripeError error = invalid.getStripeError();
            return declined(intentId(error), error == null ? null : error.getDeclineCode(),
                    invalid.getCode() == null ? "invalid_request" : invalid.getCode(),
                    error == null ? null : error.getMessage());
        }
        if (e instanceof RateLimitException) {
            return new ChargeOutcome.Unknown("Stripe kept answering HTTP 429 (rate limited); nothing was charged");
        }
        if (e instanceof ApiConnectionException) {
            return new ChargeOutcome.Unknown("no answer from Stripe (network error or time-out)");
        }
        if (e instanceof ApiException) {
            return new ChargeOutcome.Unknown("Stripe answered with an error or an unreadable answer: "
                    + StripeAdapterException.describe(e));
        }
        throw StripeAdapterException.from(operation, e);
    }

    /**
     * A decline with the most specific code Stripe gave: its {@code decline_code}, else its
     * {@code code}, each taken only when it is a valid {@link DeclineCode} (not blank, no white
     * space, at most 255 characters); {@code payment_failed} when neither is.
     */
    static ChargeOutcome.Declined declined(ChargeReference intent, String declineCode, String code, String message) {
        DeclineCode chosen = firstValid(PAYMENT_FAILED, declineCode, code);
        String text = message == null || message.isBlank() ? "The payment was declined (" + chosen + ")." : message;
        return new ChargeOutcome.Declined(intent, chosen, Secrets.redact(text));
    }

    /**
     * The outcome a failed call to refund stands for, as {@link #ofFailure} reads it: a refused
     * request (too large, already refunded, no charge) is a decline without a refund; no answer, a
     * server error or lasting rate limiting is unknown.
     *
     * @throws StripeAdapterException for a configuration or programming error
     */
    static RefundOutcome ofRefundFailure(String operation, StripeException e) {
        if (e instanceof RateLimitException) {
            return new RefundOutcome.Unknown("Stripe kept answering HTTP 429 (rate limited); nothing was refunded");
        }
        ChargeOutcome outcome = ofFailure(operation, e);
        if (outcome instanceof ChargeOutcome.Declined declined) {
            return new RefundOutcome.Declined(null, declined.code(), declined.message());
        }
        return new RefundOutcome.Unknown(((ChargeOutcome.Unknown) outcome).detail());
    }

    /** The outcome a Refund stands at: done, under way, or failed at the bank. */
    static RefundOutcome of(Refund refund) {
        return ofRefund(RefundReference.of(refund.getId()), String.valueOf(refund.getStatus()),
                refund.getFailureReason());
    }

    /**
     * The outcome a refund with this status stands at: {@code succeeded} is done; {@code pending}
     * or {@code requires_action} under way; {@code failed} or {@code canceled} declined with its
     * {@code failure_reason} as the code (the status when Stripe gave none, or none that is a
     * valid {@link DeclineCode}); any other status unknown.
     */
    static RefundOutcome ofRefund(RefundReference id, String status, String failureReason) {
        switch (status) {
            case "succeeded":
                return new RefundOutcome.Succeeded(id);
            case "failed":
            case "canceled":
                DeclineCode code = firstValid(DeclineCode.of(status), failureReason);
                return new RefundOutcome.Declined(id, code, "Stripe did not make the refund (" + code + ").");
            case "pending":
            case "requires_action":
                return new RefundOutcome.Pending(id);
            default:
                return new RefundOutcome.Unknown("Refund " + id + " is " + status);
        }
    }

    /** Stripe's id of a PaymentIntent as the core's reference; {@code null} when Stripe gave none. */
    static ChargeReference charge(String id) {
        return id == null ? null : ChargeReference.of(id);
    }

    private static ChargeReference intentId(StripeError error) {
        return error == null || error.getPaymentIntent() == null ? null : charge(error.getPaymentIntent().getId());
    }

    /** The first of {@code candidates} that is a valid decline code; {@code otherwise} when none is. */
    private static DeclineCode firstValid(DeclineCode otherwise, String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                try {
                    return DeclineCode.of(candidate);
                } catch (IllegalArgumentException e) {
                    // blank, too long, or with white space: try the next one
                }
            }
        }
        return otherwise;
    }
}
