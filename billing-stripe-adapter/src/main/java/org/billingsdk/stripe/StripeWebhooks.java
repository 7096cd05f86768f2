package org.billingsdk.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.MandateReference;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.payment.SetupReference;
import org.billingsdk.stripe.WebhookOutcome.IgnoredReason;
import org.billingsdk.stripe.WebhookRefusedException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies Stripe's webhook deliveries and says what each means for the billing, as a
 * {@link WebhookOutcome} for the host to route to billing-core. Obtained from
 * {@link StripePayments#webhooks()}. Thread-safe: one instance serves every request thread.
 *
 * <p>The host's endpoint hands over the raw request body, byte for byte as received (decoded as
 * UTF-8, not re-serialized), and the {@code Stripe-Signature} header:
 *
 * <pre>{@code
 * try {
 *     WebhookOutcome outcome = webhooks.handle(body, request.getHeader("Stripe-Signature"));
 *     try {
 *         route(outcome);                  // e.g. PaymentOutcome -> record it in billing-core
 *     } catch (RuntimeException e) {
 *         webhooks.forget(outcome.eventId()); // so that Stripe's redelivery is handled again
 *         return 500;
 *     }
 *     return 200;                          // also for Ignored and Duplicate
 * } catch (WebhookRefusedException e) {
 *     return 400;
 * }
 * }</pre>
 *
 * <p>The header is read before anything is verified, by a strict grammar that takes what Stripe
 * sends ({@code t=1492774577,v1=5257a8...,v0=6ffbb5...}):
 *
 * <ul>
 *   <li>at most 8,192 characters of items separated by {@code ,}, each {@code key=value} with a
 *       key of ASCII letters, digits and underscores and a value of visible ASCII characters, both
 *       non-empty; no white space anywhere;
 *   <li>exactly one timestamp {@code t}: 1 to 10 ASCII digits without a leading zero, seconds
 *       since the epoch. <strong>A header with more than one timestamp is refused</strong>, even
 *       when they are equal, so that the timestamp the tolerance is checked on is the one that was
 *       signed;
 *   <li>at least one {@code v1} signature, each 64 lowercase hex digits (an HMAC-SHA256);
 *   <li>other schemes, such as Stripe's {@code v0}, are ignored.
 * </ul>
 *
 * <p>Anything else is refused as {@link WebhookRefusedException.Reason#MALFORMED_HEADER}, with a
 * message that says what is wrong without quoting the header. stripe-java then verifies the
 * signatures on a header rebuilt from what was read ({@code t=...,v1=...}), so it never sees a
 * header it could misread. A delivery is accepted when one of its {@code v1} signatures is the
 * HMAC-SHA256 of {@code "{t}.{body}"} under the endpoint's secret and its timestamp {@code t} is
 * within the tolerance (300 seconds by default) of the injected clock, in either direction;
 * anything else is refused with a {@link WebhookRefusedException}, whatever the header and the
 * body hold.
 *
 * <p>Events are delivered at least once: the ids of the most recent accepted events (10,000 by
 * default) are remembered in memory and a repeat is answered {@link WebhookOutcome.Duplicate}.
 * That memory is per instance and per process; a host running several nodes must also let
 * billing-core ignore a repeat (recording an outcome twice changes nothing), as it must for a
 * repeat arriving after the memory has moved on.
 */
public final class StripeWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhooks.class);

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;
    private final Map<EventId, Boolean> seen;
    private final SignatureCheck signatureCheck;

    StripeWebhooks(String secret, Duration tolerance, Clock clock, int remembered) {
        this(secret, tolerance, clock, remembered,
                (payload, header, key) -> Webhook.Signature.verifyHeader(payload, header, key, 0, clock));
    }

    StripeWebhooks(String secret, Duration tolerance, Clock clock, int remembered, SignatureCheck signatureCheck) {
        this.secret = Secrets.require(secret, "the webhook secret");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signatureCheck = Objects.requireNonNull(signatureCheck, "signatureCheck");
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("the webhook tolerance must be positive");
        }
        if (remembered < 1) {
            throw new IllegalArgumentException("at least one event id must be remembered");
        }
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<EventId, Boolean> eldest) {
                return size() > remembered;
            }
        };
    }

    /**
     * Verifies a delivery and translates its event.
     *
     * @param payload the raw request body
     * @param signatureHeader the {@code Stripe-Signature} header, or {@code null} if absent
     * @return what the event means; {@link WebhookOutcome.Duplicate} for an event already returned,
     *     {@link WebhookOutcome.Ignored} for events the billing has nothing to do with
     * @throws WebhookRefusedException if the header is missing or malformed (see above), or the
     *     delivery is not signed with the secret, was altered, is outside the tolerance, or is not a
     *     Stripe event
     * @throws NullPointerException if {@code payload} is null
     */
    public WebhookOutcome handle(String payload, String signatureHeader) {
        Objects.requireNonNull(payload, "payload");
        verify(payload, signatureHeader);
        JsonObject event;
        try {
            JsonElement parsed = JsonParser.parseString(payload);
            event = parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            throw refused(Reason.MALFORMED_PAYLOAD, "the signed body is not JSON", e);
        }
        String text = event == null ? null : text(event, "id");
        String type = event == null ? null : text(event, "type");
        JsonObject data = event == null ? null : object(event, "data");
        JsonObject object = data == null ? null : object(data, "object");
        if (text == null || type == null || object == null || !"event".equals(text(event, "object"))) {
            throw refused(Reason.MALFORMED_PAYLOAD, "the signed body is not a Stripe event", null);
        }
        EventId id = typed(text, EventId::of);
        synchronized (seen) {
            if (seen.put(id, Boolean.TRUE) != null) {
                LOG.debug("Stripe event {} ({}) delivered again; ignored", id, type);
                return new WebhookOutcome.Duplicate(id, type);
            }
        }
        try {
            return translate(id, type, object, object(data, "previous_attributes"));
        } catch (RuntimeException e) {
            forget(id);
            throw e;
        }
    }

    /**
     * Forgets that an event was handled, so that its next delivery is translated again: for a host
     * whose routing of the outcome failed and that answers Stripe with an error.
     *
     * @param eventId the event's id ({@code evt_...}), from {@link WebhookOutcome#eventId()};
     *     forgetting an unknown id does nothing
     */
    public void forget(EventId eventId) {
        synchronized (seen) {
            seen.remove(eventId);
        }
    }

    private void verify(String payload, String header) {
        SignatureHeader signed;
        try {
            signed = SignatureHeader.parse(header);
        } catch (WebhookRefusedException e) {
            throw logged(e);
        }
        try {
            // Tolerance 0: the signature alone; the timestamp is checked below in both directions.
            signatureCheck.verify(payload, signed.canonical(), secret);
        } catch (SignatureVerificationException e) {
            throw refused(Reason.SIGNATURE_MISMATCH,
                    "no signature matches the body: forged, altered, or signed for another endpoint", e);
        } catch (RuntimeException e) {
            // stripe-java has nothing to misread in a canonical header; if it fails all the same, the
            // delivery is refused rather than answered with a 500, and logged as the bug it is.
            LOG.error("Refused a Stripe webhook delivery: stripe-java failed on its well-formed Stripe-Signature"
                    + " header", e);
            throw new WebhookRefusedException(Reason.MALFORMED_HEADER, "webhook delivery refused: stripe-java"
                    + " could not verify the Stripe-Signature header (" + e.getClass().getName() + ")", e);
        }
        long age = clock.millis() / 1000 - signed.timestamp();
        if (Math.abs(age) > tolerance.toSeconds()) {
            throw refused(Reason.OUTSIDE_TOLERANCE, "signed " + age + " s from now, outside the tolerance of "
                    + tolerance.toSeconds() + " s", null);
        }
    }

    private static WebhookOutcome translate(EventId id, String type, JsonObject object, JsonObject previous) {
        switch (type) {
            case "payment_intent.succeeded":
            case "payment_intent.processing":
            case "payment_intent.payment_failed":
                return payment(id, type, object);
            case "setup_intent.succeeded":
                JsonObject metadata = object(object, "metadata");
                String setupKey = metadata == null ? null : text(metadata, StripeSetups.SETUP_KEY_METADATA);
                if (setupKey == null) {
                    return ignored(id, type, IgnoredReason.NOT_MADE_BY_THE_BILLING, "SetupIntent "
                            + required(object, "id"));
                }
                return new WebhookOutcome.SetupSucceeded(id, typed(required(object, "id"), SetupReference::of),
                        typed(setupKey, IdempotencyKey::of), typed(idOf(object, "customer"), CustomerReference::of),
                        typed(idOf(object, "payment_method"), PaymentMethodReference::of));
            case "payment_method.detached":
                return new WebhookOutcome.PaymentMethodDetached(id,
                        typed(required(object, "id"), PaymentMethodReference::of),
                        previous == null ? null : typed(idOf(previous, "customer"), CustomerReference::of));
            case "mandate.updated":
                return new WebhookOutcome.MandateUpdated(id, typed(required(object, "id"), MandateReference::of),
                        typed(idOf(object, "payment_method"), PaymentMethodReference::of),
                        required(object, "status"));
            case "refund.updated":
            case "refund.failed":
            case "charge.refund.updated":
                return refund(id, type, object);
            default:
                return ignored(id, type, IgnoredReason.NOT_ACTED_ON, null);
        }
    }

    private static WebhookOutcome payment(EventId id, String type, JsonObject intent) {
        String intentId = required(intent, "id");
        JsonObject metadata = object(intent, "metadata");
        String key = metadata == null ? null : text(metadata, StripeCharges.KEY_METADATA);
        String invoice = metadata == null ? null : text(metadata, StripeCharges.INVOICE_METADATA);
        String attempt = metadata == null ? null : text(metadata, StripeCharges.ATTEMPT_METADATA);
        if (key == null || invoice == null || attempt == null) {
            return ignored(id, type, IgnoredReason.NOT_MADE_BY_THE_BILLING, "PaymentIntent " + intentId);
        }
        InvoiceId invoiceId;
        int attemptNumber;
        IdempotencyKey attemptKey;
        try {
            invoiceId = InvoiceId.of(invoice);
            attemptNumber = Integer.parseInt(attempt);
            attemptKey = IdempotencyKey.of(key);
        } catch (IllegalArgumentException e) {
            return ignored(id, type, IgnoredReason.UNREADABLE_METADATA, "PaymentIntent " + intentId);
        }
        ChargeReference charge = typed(intentId, ChargeReference::of);
        ChargeOutcome outcome;
        if (type.equals("payment_intent.succeeded")) {
            outcome = new ChargeOutcome.Succeeded(charge);
        } else if (type.equals("payment_intent.processing")) {
            outcome = new ChargeOutcome.Pending(charge);
        } else {
            JsonObject error = object(intent, "last_payment_error");
            outcome = error == null
                    ? Outcomes.declined(charge, null, null, null)
                    : Outcomes.declined(charge, text(error, "decline_code"), text(error, "code"),
                            text(error, "message"));
        }
        return new WebhookOutcome.PaymentOutcome(id, attemptKey, invoiceId, attemptNumber, outcome);
    }

    /** A Refund's new state: done, under way, or failed or canceled at the bank. */
    private static WebhookOutcome refund(EventId id, String type, JsonObject refund) {
        String refundId = required(refund, "id");
        JsonObject metadata = object(refund, "metadata");
        String key = metadata == null ? null : text(metadata, StripeCharges.KEY_METADATA);
        String invoice = metadata == null ? null : text(metadata, StripeCharges.INVOICE_METADATA);
        if (key == null || invoice == null) {
            return ignored(id, type, IgnoredReason.NOT_MADE_BY_THE_BILLING, "Refund " + refundId);
        }
        String ownKey = text(metadata, StripeCharges.REFUND_KEY_METADATA);
        if (ownKey == null) {
            // Made before refunds kept the charge's key: billing_idempotency_key holds the refund's own
            // key, which names no charge; the SDK recorded such a refund as refunded when it was made.
            return ignored(id, type, IgnoredReason.REFUND_RECORDED_WHEN_MADE, "Refund " + refundId);
        }
        InvoiceId invoiceId;
        IdempotencyKey chargeKey;
        IdempotencyKey refundKey;
        try {
            invoiceId = InvoiceId.of(invoice);
            chargeKey = IdempotencyKey.of(key);
            refundKey = IdempotencyKey.of(ownKey);
        } catch (IllegalArgumentException e) {
            return ignored(id, type, IgnoredReason.UNREADABLE_METADATA, "Refund " + refundId);
        }
        RefundReference reference = typed(refundId, RefundReference::of);
        String status = required(refund, "status");
        RefundOutcome outcome = Outcomes.ofRefund(reference, status, text(refund, "failure_reason"));
        if (outcome instanceof RefundOutcome.Unknown) {
            return ignored(id, type, IgnoredReason.UNKNOWN_REFUND_STATUS, "Refund " + refundId + " is " + status);
        }
        return new WebhookOutcome.RefundUpdated(id, chargeKey, refundKey, invoiceId, outcome);
    }

    /**
     * An event ignored for {@code reason}; {@code object} (the object's id and what else tells it
     * apart, or {@code null}) goes to the debug log only.
     */
    private static WebhookOutcome ignored(EventId id, String type, IgnoredReason reason, String object) {
        LOG.debug("Stripe event {} ({}) ignored: {}{}", id, type, reason.description(),
                object == null ? "" : " (" + object + ")");
        return new WebhookOutcome.Ignored(id, type, reason);
    }

    /**
     * {@code text} read as a reference or key by {@code of}; {@code null} for {@code null}.
     *
     * @throws WebhookRefusedException ({@code MALFORMED_PAYLOAD}) if it is no valid reference, such
     *     as an empty id or one with white space
     */
    private static <T> T typed(String text, Function<String, T> of) {
        if (text == null) {
            return null;
        }
        try {
            return of.apply(text);
        } catch (IllegalArgumentException e) {
            throw new WebhookRefusedException(Reason.MALFORMED_PAYLOAD,
                    "webhook delivery refused: the event holds an id that is no valid reference", e);
        }
    }

    private static WebhookRefusedException refused(Reason reason, String message, Throwable cause) {
        return logged(new WebhookRefusedException(reason, "webhook delivery refused: " + message, cause));
    }

    private static WebhookRefusedException logged(WebhookRefusedException refusal) {
        LOG.warn("{} ({})", refusal.getMessage(), refusal.reason());
        return refusal;
    }

    private static String text(JsonObject object, String member) {
        JsonElement element = object.get(member);
        return element == null || !element.isJsonPrimitive() ? null : element.getAsString();
    }

    /** A field that is an id, or an expanded object with an id. */
    private static String idOf(JsonObject object, String member) {
        JsonElement element = object.get(member);
        if (element != null && element.isJsonObject()) {
            return text(element.getAsJsonObject(), "id");
        }
        return text(object, member);
    }

    private static String required(JsonObject object, String member) {
        String value = text(object, member);
        if (value == null) {
            throw new WebhookRefusedException(Reason.MALFORMED_PAYLOAD,
                    "webhook delivery refused: the event's object has no " + member, null);
        }
        return value;
    }

    private static JsonObject object(JsonObject object, String member) {
        JsonElement element = object.get(member);
        return element == null || !element.isJsonObject() ? null : element.getAsJsonObject();
    }

    /**
     * Checks that one of a canonical header's {@code v1} signatures is the body's under the secret,
     * whatever its timestamp: stripe-java's {@code Webhook.Signature.verifyHeader}, or a test's.
     */
    @FunctionalInterface
    interface SignatureCheck {
        void verify(String payload, String canonicalHeader, String secret) throws SignatureVerificationException;
    }

    @Override
    public String toString() {
        return "StripeWebhooks[tolerance=" + tolerance + ", secret=***]";
    }
}
