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
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
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
 * <p>A delivery is accepted when one of its {@code v1} signatures is the HMAC-SHA256 of
 * {@code "{t}.{body}"} under the endpoint's secret and its timestamp {@code t} is within the
 * tolerance (300 seconds by default) of the injected clock, in either direction; anything else is
 * refused with a {@link WebhookRefusedException}. Events are delivered at least once: the ids of
 * the most recent accepted events (10,000 by default) are remembered in memory and a repeat is
 * answered {@link WebhookOutcome.Duplicate}. That memory is per instance and per process; a host
 * running several nodes must also let billing-core ignore a repeat (recording an outcome twice
 * changes nothing), as it must for a repeat arriving after the memory has moved on.
 */
public final class StripeWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhooks.class);

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;
    private final Map<String, Boolean> seen;

    StripeWebhooks(String secret, Duration tolerance, Clock clock, int remembered) {
        this.secret = Secrets.require(secret, "the webhook secret");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("the webhook tolerance must be positive");
        }
        if (remembered < 1) {
            throw new IllegalArgumentException("at least one event id must be remembered");
        }
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
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
     * @throws WebhookRefusedException if the delivery is not signed with the secret, was altered,
     *     is outside the tolerance, or is not a Stripe event
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
        String id = event == null ? null : text(event, "id");
        String type = event == null ? null : text(event, "type");
        JsonObject data = event == null ? null : object(event, "data");
        JsonObject object = data == null ? null : object(data, "object");
        if (id == null || type == null || object == null || !"event".equals(text(event, "object"))) {
            throw refused(Reason.MALFORMED_PAYLOAD, "the signed body is not a Stripe event", null);
        }
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
    public void forget(String eventId) {
        synchronized (seen) {
            seen.remove(eventId);
        }
    }

    private void verify(String payload, String header) {
        if (header == null || header.isBlank()) {
            throw refused(Reason.MALFORMED_HEADER, "the Stripe-Signature header is missing", null);
        }
        long timestamp = -1;
        boolean signed = false;
        for (String item : header.split(",")) {
            String[] pair = item.strip().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    timestamp = -1;
                }
            } else if (pair[0].equals(Webhook.Signature.EXPECTED_SCHEME) && !pair[1].isEmpty()) {
                signed = true;
            }
        }
        if (timestamp <= 0 || !signed) {
            throw refused(Reason.MALFORMED_HEADER,
                    "the Stripe-Signature header has no timestamp or no v1 signature", null);
        }
        try {
            // Tolerance 0: the signature alone; the timestamp is checked below in both directions.
            Webhook.Signature.verifyHeader(payload, header, secret, 0, clock);
        } catch (SignatureVerificationException e) {
            throw refused(Reason.SIGNATURE_MISMATCH,
                    "no signature matches the body: forged, altered, or signed for another endpoint", e);
        } catch (NumberFormatException e) {
            throw refused(Reason.MALFORMED_HEADER, "the Stripe-Signature header has an unreadable timestamp", e);
        }
        long age = clock.millis() / 1000 - timestamp;
        if (Math.abs(age) > tolerance.toSeconds()) {
            throw refused(Reason.OUTSIDE_TOLERANCE, "signed " + age + " s from now, outside the tolerance of "
                    + tolerance.toSeconds() + " s", null);
        }
    }

    private static WebhookOutcome translate(String id, String type, JsonObject object, JsonObject previous) {
        switch (type) {
            case "payment_intent.succeeded":
            case "payment_intent.processing":
            case "payment_intent.payment_failed":
                return payment(id, type, object);
            case "setup_intent.succeeded":
                JsonObject metadata = object(object, "metadata");
                String setupKey = metadata == null ? null : text(metadata, StripeSetups.SETUP_KEY_METADATA);
                if (setupKey == null) {
                    return new WebhookOutcome.Ignored(id, type,
                            "SetupIntent " + required(object, "id") + " was not made by the billing");
                }
                return new WebhookOutcome.SetupSucceeded(id, required(object, "id"), setupKey,
                        text(object, "customer"), idOf(object, "payment_method"));
            case "payment_method.detached":
                return new WebhookOutcome.PaymentMethodDetached(id, required(object, "id"),
                        previous == null ? null : idOf(previous, "customer"));
            case "mandate.updated":
                return new WebhookOutcome.MandateUpdated(id, required(object, "id"), idOf(object, "payment_method"),
                        required(object, "status"));
            default:
                return new WebhookOutcome.Ignored(id, type, "not an event the billing acts on");
        }
    }

    private static WebhookOutcome payment(String id, String type, JsonObject intent) {
        String intentId = required(intent, "id");
        JsonObject metadata = object(intent, "metadata");
        String key = metadata == null ? null : text(metadata, StripeCharges.KEY_METADATA);
        String invoice = metadata == null ? null : text(metadata, StripeCharges.INVOICE_METADATA);
        String attempt = metadata == null ? null : text(metadata, StripeCharges.ATTEMPT_METADATA);
        if (key == null || invoice == null || attempt == null) {
            return new WebhookOutcome.Ignored(id, type, "PaymentIntent " + intentId + " was not made by the billing");
        }
        InvoiceId invoiceId;
        int attemptNumber;
        try {
            invoiceId = InvoiceId.of(invoice);
            attemptNumber = Integer.parseInt(attempt);
        } catch (IllegalArgumentException e) {
            return new WebhookOutcome.Ignored(id, type, "PaymentIntent " + intentId + " has unreadable billing metadata");
        }
        ChargeOutcome outcome;
        if (type.equals("payment_intent.succeeded")) {
            outcome = new ChargeOutcome.Succeeded(intentId);
        } else if (type.equals("payment_intent.processing")) {
            outcome = new ChargeOutcome.Pending(intentId);
        } else {
            JsonObject error = object(intent, "last_payment_error");
            outcome = error == null
                    ? Outcomes.declined(intentId, null, null, null)
                    : Outcomes.declined(intentId, text(error, "decline_code"), text(error, "code"),
                            text(error, "message"));
        }
        return new WebhookOutcome.PaymentOutcome(id, key, invoiceId, attemptNumber, outcome);
    }

    private WebhookRefusedException refused(Reason reason, String message, Throwable cause) {
        LOG.warn("Refused a Stripe webhook delivery ({}): {}", reason, message);
        return new WebhookRefusedException(reason, "webhook delivery refused: " + message, cause);
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

    @Override
    public String toString() {
        return "StripeWebhooks[tolerance=" + tolerance + ", secret=***]";
    }
}
