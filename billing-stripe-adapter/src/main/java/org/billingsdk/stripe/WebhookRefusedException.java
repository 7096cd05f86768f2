package org.billingsdk.stripe;

import java.util.Objects;
import org.billingsdk.core.BillingException;
import org.billingsdk.core.ErrorCode;

/**
 * A webhook delivery that is not provably from Stripe and fresh: a missing or malformed
 * {@code Stripe-Signature} header, a signature that does not match the body (forged or altered),
 * a timestamp outside the tolerance (an old delivery replayed), or a signed body that is not an
 * event. The host answers such a delivery with HTTP 400 and does nothing else with it. The message
 * never contains the webhook secret. Immutable.
 */
public final class WebhookRefusedException extends BillingException {

    /** Why a delivery was refused. */
    public enum Reason {
        /**
         * No {@code Stripe-Signature} header, or one that does not follow the grammar of
         * {@link StripeWebhooks}: longer than 8,192 characters; an item other than {@code key=value}
         * with a non-empty key of ASCII letters, digits and underscores and a non-empty value of
         * visible ASCII (so no white space); no timestamp {@code t} of 1 to 10 ASCII digits
         * without a leading zero, or <strong>more than one timestamp</strong>; no {@code v1}
         * signature, or one other than 64 lowercase hex digits.
         */
        MALFORMED_HEADER,
        /** No {@code v1} signature matches the body under the secret: forged, altered, or another endpoint's. */
        SIGNATURE_MISMATCH,
        /** Signed correctly, but its timestamp is further from now than the tolerance. */
        OUTSIDE_TOLERANCE,
        /** Signed correctly, but the body is not a Stripe event. */
        MALFORMED_PAYLOAD
    }

    /** Why the delivery was refused. */
    private final Reason reason;

    WebhookRefusedException(Reason reason, String message, Throwable cause) {
        super(ErrorCode.WEBHOOK_REFUSED, Secrets.redact(message), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the delivery was refused.
     *
     * @return the reason, never {@code null}
     */
    public Reason reason() {
        return reason;
    }
}
