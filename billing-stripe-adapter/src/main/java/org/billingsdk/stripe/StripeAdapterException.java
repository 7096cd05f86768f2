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

/**
 * A call to Stripe failed in a way the adapter cannot turn into an outcome: a wrong or
 * insufficient API key, a request Stripe refused, Stripe unreachable while syncing a customer or
 * starting a set-up, an idempotency key reused with other parameters. Charges never throw this
 * for a decline, a time-out or a server error: those are
 * {@link org.billingsdk.core.payment.ChargeOutcome}s.
 *
 * <p>Keeps Stripe's exception as its cause and the operation, HTTP status, Stripe's error code
 * and Stripe's request id ({@code req_...}, to quote to Stripe's support) as fields. Its message
 * never contains an API key or a webhook secret. Immutable.
 */
public final class StripeAdapterException extends BillingException {

    /** {@link #code()} of a rejected API key (HTTP 401). */
    public static final String AUTHENTICATION = "STRIPE_AUTHENTICATION";
    /** {@link #code()} of a key that lacks a permission (HTTP 403). */
    public static final String PERMISSION = "STRIPE_PERMISSION";
    /** {@link #code()} of a request Stripe refused as invalid (HTTP 400, 402 or 404). */
    public static final String INVALID_REQUEST = "STRIPE_INVALID_REQUEST";
    /** {@link #code()} of an idempotency key reused with other parameters: a programming error. */
    public static final String IDEMPOTENCY_CONFLICT = "STRIPE_IDEMPOTENCY_CONFLICT";
    /** {@link #code()} of HTTP 429 answers that outlasted the adapter's retries. */
    public static final String RATE_LIMITED = "STRIPE_RATE_LIMITED";
    /** {@link #code()} of no answer: a network error or a time-out. */
    public static final String UNREACHABLE = "STRIPE_UNREACHABLE";
    /** {@link #code()} of a server error or an answer that could not be read. */
    public static final String SERVER_ERROR = "STRIPE_SERVER_ERROR";
    /** {@link #code()} of a thread interrupted while it waited to call Stripe. */
    public static final String INTERRUPTED = "STRIPE_INTERRUPTED";
    /** {@link #code()} of an answer the adapter cannot use (such as a set-up of an unknown kind). */
    public static final String UNEXPECTED = "STRIPE_UNEXPECTED";

    /** The adapter operation that failed. */
    private final String operation;
    /** Stripe's HTTP status, or {@code null} without an answer. */
    private final Integer httpStatus;
    /** Stripe's error code, or {@code null}. */
    private final String stripeCode;
    /** Stripe's request id, or {@code null} without an answer. */
    private final String requestId;

    StripeAdapterException(String code, String operation, String message, Integer httpStatus, String stripeCode,
            String requestId, Throwable cause) {
        super(code, Secrets.redact("stripe " + operation + ": " + message), cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.stripeCode = stripeCode;
        this.requestId = requestId;
    }

    /** Translates a stripe-java exception, keeping it as the cause. */
    static StripeAdapterException from(String operation, StripeException e) {
        String code;
        if (e instanceof AuthenticationException) {
            code = AUTHENTICATION;
        } else if (e instanceof PermissionException) {
            code = PERMISSION;
        } else if (e instanceof IdempotencyException) {
            code = IDEMPOTENCY_CONFLICT;
        } else if (e instanceof RateLimitException) {
            code = RATE_LIMITED;
        } else if (e instanceof InvalidRequestException || e instanceof CardException) {
            code = INVALID_REQUEST;
        } else if (e instanceof ApiConnectionException) {
            code = UNREACHABLE;
        } else if (e instanceof ApiException) {
            code = SERVER_ERROR;
        } else {
            code = UNEXPECTED;
        }
        Integer status = e.getStatusCode();
        String detail = describe(e);
        return new StripeAdapterException(code, operation, detail, status, e.getCode(), e.getRequestId(), e);
    }

    static StripeAdapterException interrupted(String operation, InterruptedException e) {
        return new StripeAdapterException(INTERRUPTED, operation, "interrupted while waiting to call Stripe", null,
                null, null, e);
    }

    static StripeAdapterException unexpected(String operation, String message) {
        return new StripeAdapterException(UNEXPECTED, operation, message, null, null, null, null);
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
