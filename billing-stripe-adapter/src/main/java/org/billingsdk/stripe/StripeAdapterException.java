package org.billingsdk.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import org.billingsdk.core.BillingException;
import org.billingsdk.core.ErrorCode;

/**
 * A call to Stripe failed in a way the adapter cannot turn into an outcome: a wrong or
 * insufficient API key, a request Stripe refused, Stripe unreachable while syncing a customer or
 * starting a set-up, an idempotency key reused with other parameters. Charges never throw this
 * for a decline, a time-out or a server error: those are
 * {@link org.billingsdk.core.payment.ChargeOutcome}s.
 *
 * <p>Its {@link #code()} is one of the {@code PROVIDER_*} codes of {@link ErrorCode}: 401 is
 * {@code PROVIDER_AUTHENTICATION}, 403 {@code PROVIDER_PERMISSION}, 400, 402 and 404
 * {@code PROVIDER_INVALID_REQUEST}, an idempotency key reused with other parameters
 * {@code PROVIDER_IDEMPOTENCY_CONFLICT}, 429 past the retries {@code PROVIDER_RATE_LIMITED}, no
 * answer {@code PROVIDER_UNREACHABLE}, a server error {@code PROVIDER_SERVER_ERROR}, an interrupt
 * {@code PROVIDER_INTERRUPTED}, and an answer the adapter cannot use {@code PROVIDER_UNEXPECTED}.
 *
 * <p>Keeps Stripe's exception as its cause and the operation, HTTP status, Stripe's error code
 * and Stripe's request id ({@code req_...}, to quote to Stripe's support) as fields. Its message
 * never contains an API key or a webhook secret. Immutable.
 */
public final class StripeAdapterException extends BillingException {

    /** The adapter operation that failed. */
    private final String operation;
    /** Stripe's HTTP status, or {@code null} without an answer. */
    private final Integer httpStatus;
    /** Stripe's error code, or {@code null}. */
    private final String stripeCode;
    /** Stripe's request id, or {@code null} without an answer. */
    private final String requestId;

    StripeAdapterException(ErrorCode code, String operation, String message, Integer httpStatus, String stripeCode,
            String requestId, Throwable cause) {
        super(code, Secrets.redact("stripe " + operation + ": " + message), cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.stripeCode = stripeCode;
        this.requestId = requestId;
    }

    /** Translates a stripe-java exception, keeping it as the cause. */
    static StripeAdapterException from(String operation, StripeException e) {
        ErrorCode code;
        if (e instanceof AuthenticationException) {
            code = ErrorCode.PROVIDER_AUTHENTICATION;
        } else if (e instanceof PermissionException) {
            code = ErrorCode.PROVIDER_PERMISSION;
        } else if (e instanceof IdempotencyException) {
            code = ErrorCode.PROVIDER_IDEMPOTENCY_CONFLICT;
        } else if (e instanceof RateLimitException) {
            code = ErrorCode.PROVIDER_RATE_LIMITED;
        } else if (e instanceof InvalidRequestException || e instanceof CardException) {
            code = ErrorCode.PROVIDER_INVALID_REQUEST;
        } else if (e instanceof ApiConnectionException) {
            code = ErrorCode.PROVIDER_UNREACHABLE;
        } else if (e instanceof ApiException) {
            code = ErrorCode.PROVIDER_SERVER_ERROR;
        } else {
            code = ErrorCode.PROVIDER_UNEXPECTED;
        }
        Integer status = e.getStatusCode();
        String detail = describe(e);
        return new StripeAdapterException(code, operation, detail, status, e.getCode(), e.getRequestId(), e);
    }

    static StripeAdapterException interrupted(String operation, InterruptedException e) {
        return new StripeAdapterException(ErrorCode.PROVIDER_INTERRUPTED, operation,
                "interrupted while waiting to call Stripe", null,
                null, null, e);
    }

    static StripeAdapterException unexpected(String operation, String message) {
        return new StripeAdapterException(ErrorCode.PROVIDER_UNEXPECTED, operation, message, null, null, null, null);
    }

    /** A sentence about a stripe-java exception: Stripe's message (secrets removed), status and request id. */
    static String describe(StripeException e) {
        String message = e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage()
                : e instanceof ApiConnectionException ? "no answer (network error or time-out)"
                        : e.getClass().getSimpleName();
        StringBuilder text = new StringBuilder(message);
        if (e.getStatusCode() != null && e.getStatusCode() > 0) {
            text.append(" (HTTP ").append(e.getStatusCode());
            if (e.getCode() != null) {
                text.append(", ").append(e.getCode());
            }
            if (e.getRequestId() != null) {
                text.append(", request ").append(e.getRequestId());
            }
            text.append(')');
        }
        return Secrets.redact(text.toString());
    }

    /**
     * The adapter operation that failed, such as {@code customers.create}.
     *
     * @return the operation's name, never {@code null}
     */
    public String operation() {
        return operation;
    }

    /**
     * Stripe's HTTP status, or {@code null} when there was no answer.
     *
     * @return the status, such as {@code 401}, or {@code null}
     */
    public Integer httpStatus() {
        return httpStatus;
    }

    /**
     * Stripe's error code (such as {@code resource_missing}), or {@code null}.
     *
     * @return the code as Stripe sent it, or {@code null} when it sent none
     */
    public String stripeCode() {
        return stripeCode;
    }

    /**
     * Stripe's request id ({@code req_...}), or {@code null} when there was no answer.
     *
     * @return the id to quote to Stripe's support, or {@code null}
     */
    public String requestId() {
        return requestId;
    }
}
