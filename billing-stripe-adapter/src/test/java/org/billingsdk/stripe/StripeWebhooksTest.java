package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.MandateReference;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.payment.SetupReference;
import org.billingsdk.stripe.WebhookOutcome.IgnoredReason;
import org.billingsdk.stripe.WebhookRefusedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhook deliveries signed the way Stripe signs them; forged, altered, old and repeated ones. */
class StripeWebhooksTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final InvoiceId INVOICE = InvoiceId.of("0b9f2a8e-5a55-4f39-8f0e-2f3a1c4d5e6f");
    static final IdempotencyKey KEY = IdempotencyKey.forAttempt(INVOICE, 2);
    static final RefundReference REFUND = RefundReference.of("re_3QwebhookTest");
    static final IdempotencyKey REFUND_KEY = IdempotencyKey.of("credit-note-5c1b-refund");

    private final StripeWebhooks webhooks = webhooks(Clock.fixed(NOW, ZoneOffset.UTC), 10_000);

    static StripeWebhooks webhooks(Clock clock, int remembered) {
        return StripePayments.builder().apiKey(TestAdapter.API_KEY).webhookSecret(TestAdapter.WEBHOOK_SECRET)
                .clock(clock).rememberedEvents(remembered).build().webhooks();
    }

    /** A Stripe-Signature header for the payload signed at {@code at} with {@code secret}, as Stripe makes it. */
    static String sign(String payload, String secret, Instant at) {
        return StripeStub.signature(payload, secret, at);
    }

    static String sign(String payload) {
        return sign(payload, TestAdapter.WEBHOOK_SECRET, NOW.minusSeconds(5));
    }

    /** An event of {@code type} around {@code object}, from Stripe's example event. */
    static String event(String id, String type, JsonObject object) {
        return StripeStub.event(id, type, object);
    }

    /** A PaymentIntent of the SDK's charge of {@link #INVOICE}, attempt 2, in the given status. */
    static JsonObject paymentIntent(String status, boolean billingMetadata) {
        JsonObject intent = Fixtures.of("payment_intent");
        intent.addProperty("id", "pi_3QwebhookTest");
        intent.addProperty("status", status);
        intent.add("last_payment_error", JsonNull.INSTANCE);
        JsonObject metadata = new JsonObject();
        if (billingMetadata) {
            metadata.addProperty("billing_invoice_id", INVOICE.toString());
            metadata.addProperty("billing_attempt", "2");
            metadata.addProperty("billing_idempotency_key", KEY.value());
        }
        intent.add("metadata", metadata);
        return intent;
    }

    /**
     * A Refund of the SDK's refund of the charge of {@link #INVOICE} under {@link #KEY}, in the given
     * status, with Stripe's {@code failure_reason} when not {@code null}.
     */
    static JsonObject refund(String status, String failureReason, boolean billingMetadata) {
        JsonObject refund = Fixtures.of("refund");
        refund.addProperty("id", REFUND.value());
        refund.addProperty("amount", 5929);
        refund.addProperty("currency", "eur");
        refund.addProperty("payment_intent", "pi_3QwebhookTest");
        refund.addProperty("status", status);
        if (failureReason != null) {
            refund.addProperty("failure_reason", failureReason);
        }
        JsonObject metadata = new JsonObject();
        if (billingMetadata) {
            metadata.addProperty("billing_invoice_id", INVOICE.toString());
            metadata.addProperty("billing_idempotency_key", KEY.value());
            metadata.addProperty("billing_refund_key", REFUND_KEY.value());
        }
        refund.add("metadata", metadata);
        return refund;
    }

    @Test
    void aSucceededPaymentIntentOfTheSdkIsAPaymentOutcomeUnderItsKey() {
        String payload = event("evt_1", "payment_intent.succeeded", paymentIntent("succeeded", true));

        WebhookOutcome outcome = webhooks.handle(payload, sign(payload));

        assertThat(outcome).isEqualTo(new WebhookOutcome.PaymentOutcome(EventId.of("evt_1"), KEY, INVOICE, 2,
                new ChargeOutcome.Succeeded(ChargeReference.of("pi_3QwebhookTest"))));
    }

    @Test
    void processingIsPendingAndAFailureIsDeclinedWithTheDeclineCode() {
        String processing = event("evt_2", "payment_intent.processing", paymentIntent("processing", true));
        JsonObject failed = paymentIntent("requires_payment_method", true);
        JsonObject error = new JsonObject();
        error.addProperty("type", "card_error");
        error.addProperty("code", "card_declined");
        error.addProperty("decline_code", "insufficient_funds");
        error.addProperty("message", "Your card has insufficient funds.");
        failed.add("last_payment_error", error);
        String failure = event("evt_3", "payment_intent.payment_failed", failed);

        ChargeReference intent = ChargeReference.of("pi_3QwebhookTest");
        assertThat(webhooks.handle(processing, sign(processing))).isInstanceOfSatisfying(
                WebhookOutcome.PaymentOutcome.class,
                payment -> assertThat(payment.outcome()).isEqualTo(new ChargeOutcome.Pending(intent)));
        assertThat(webhooks.handle(failure, sign(failure))).isInstanceOfSatisfying(
                WebhookOutcome.PaymentOutcome.class,
                payment -> assertThat(payment.outcome()).isEqualTo(new ChargeOutcome.Declined(intent,
                        DeclineCode.of("insufficient_funds"), "Your card has insufficient funds.")));
    }

    @ParameterizedTest(name = "decline_code ''{0}'', code ''{1}'': {2}")
    @CsvSource({"insufficient_funds, card_declined, insufficient_funds", ", card_declined, card_declined",
        "'  ', card_declined, card_declined", "'two words', card_declined, card_declined",
        "'two words', 'also two', payment_failed", ", , payment_failed"})
    void aFailureIsDeclinedWithTheMostSpecificValidCodeStripeGaveOrPaymentFailed(String declineCode, String code,
            String expected) {
        JsonObject failed = paymentIntent("requires_payment_method", true);
        JsonObject error = new JsonObject();
        error.addProperty("type", "card_error");
        if (code != null) {
            error.addProperty("code", code);
        }
        if (declineCode != null) {
            error.addProperty("decline_code", declineCode);
        }
        failed.add("last_payment_error", error);
        String payload = event("evt_3c", "payment_intent.payment_failed", failed);

        assertThat(webhooks.handle(payload, sign(payload))).isInstanceOfSatisfying(
                WebhookOutcome.PaymentOutcome.class,
                payment -> assertThat(payment.outcome()).isInstanceOfSatisfying(ChargeOutcome.Declined.class,
                        declined -> {
                            assertThat(declined.code()).isEqualTo(DeclineCode.of(expected));
                            assertThat(declined.message()).isEqualTo("The payment was declined (" + expected + ").");
                        }));
    }

    @Test
    void aPaymentIntentWithUnreadableBillingMetadataIsIgnored() {
        JsonObject intent = paymentIntent("succeeded", true);
        intent.getAsJsonObject("metadata").addProperty("billing_attempt", "second");
        String payload = event("evt_4b", "payment_intent.succeeded", intent);

        assertThat(webhooks.handle(payload, sign(payload))).isEqualTo(new WebhookOutcome.Ignored(EventId.of("evt_4b"),
                "payment_intent.succeeded", IgnoredReason.UNREADABLE_METADATA));
    }

    @Test
    void aRefundInAStatusTheAdapterDoesNotKnowIsIgnored() {
        String payload = event("evt_r10", "refund.updated", refund("reversed_by_the_moon", null, true));

        assertThat(webhooks.handle(payload, sign(payload))).isEqualTo(new WebhookOutcome.Ignored(
                EventId.of("evt_r10"), "refund.updated", IgnoredReason.UNKNOWN_REFUND_STATUS));
    }

    @Test
    void aPaymentIntentTheSdkDidNotMakeIsIgnored() {
        String payload = event("evt_4", "payment_intent.succeeded", paymentIntent("succeeded", false));

        assertThat(webhooks.handle(payload, sign(payload))).isInstanceOfSatisfying(WebhookOutcome.Ignored.class,
                ignored -> assertThat(ignored.reason()).isEqualTo(IgnoredReason.NOT_MADE_BY_THE_BILLING));
    }

    @Test
    void setUpsDetachedMethodsAndMandatesAreTranslated() {
        JsonObject setup = Fixtures.of("setup_intent");
        setup.addProperty("id", "seti_1");
        setup.addProperty("customer", "cus_1");
        setup.addProperty("payment_method", "pm_1");
        setup.addProperty("status", "succeeded");
        JsonObject setupMetadata = new JsonObject();
        setupMetadata.addProperty("billing_setup_key", "setup-5c1b");
        setup.add("metadata", setupMetadata);
        JsonObject method = Fixtures.of("payment_method");
        method.addProperty("id", "pm_2");
        JsonObject detached = new JsonObject();
        detached.add("object", method);
        JsonObject previous = new JsonObject();
        previous.addProperty("customer", "cus_1");
        detached.add("previous_attributes", previous);
        JsonObject detachedEvent = Fixtures.of("event");
        detachedEvent.addProperty("id", "evt_6");
        detachedEvent.addProperty("type", "payment_method.detached");
        detachedEvent.add("data", detached);
        JsonObject mandate = Fixtures.of("mandate");
        mandate.addProperty("status", "inactive");

        String setupPayload = event("evt_5", "setup_intent.succeeded", setup);
        String detachedPayload = detachedEvent.toString();
        String mandatePayload = event("evt_7", "mandate.updated", mandate);

        assertThat(webhooks.handle(setupPayload, sign(setupPayload)))
                .isEqualTo(new WebhookOutcome.SetupSucceeded(EventId.of("evt_5"), SetupReference.of("seti_1"),
                        IdempotencyKey.of("setup-5c1b"), CustomerReference.of("cus_1"),
                        PaymentMethodReference.of("pm_1")));
        JsonObject foreign = Fixtures.of("setup_intent");
        String foreignPayload = event("evt_5b", "setup_intent.succeeded", foreign);
        assertThat(webhooks.handle(foreignPayload, sign(foreignPayload)))
                .isEqualTo(new WebhookOutcome.Ignored(EventId.of("evt_5b"), "setup_intent.succeeded",
                        IgnoredReason.NOT_MADE_BY_THE_BILLING));
        assertThat(webhooks.handle(detachedPayload, sign(detachedPayload)))
                .isEqualTo(new WebhookOutcome.PaymentMethodDetached(EventId.of("evt_6"),
                        PaymentMethodReference.of("pm_2"), CustomerReference.of("cus_1")));
        assertThat(webhooks.handle(mandatePayload, sign(mandatePayload))).isInstanceOfSatisfying(
                WebhookOutcome.MandateUpdated.class, updated -> {
                    assertThat(updated.eventId()).isEqualTo(EventId.of("evt_7"));
                    assertThat(updated.mandateReference())
                            .isEqualTo(MandateReference.of("mandate_1Pgc78B7WZ01zgkW9EfgTVki"));
                    assertThat(updated.paymentMethodReference()).isEqualTo(PaymentMethodReference.of("pm_123456789"));
                    assertThat(updated.isInactive()).isTrue();
                });
    }

    @Test
    void aRefundUpdatedToSucceededIsARefundUpdatedThatSucceededUnderTheChargesKey() {
        String payload = event("evt_r1", "refund.updated", refund("succeeded", null, true));

        assertThat(webhooks.handle(payload, sign(payload))).isEqualTo(
                new WebhookOutcome.RefundUpdated(EventId.of("evt_r1"), KEY, REFUND_KEY, INVOICE,
                        new RefundOutcome.Succeeded(REFUND)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pending", "requires_action"})
    void aRefundUpdatedWhileUnderWayIsARefundUpdatedThatIsPending(String status) {
        String payload = event("evt_r2", "refund.updated", refund(status, null, true));

        assertThat(webhooks.handle(payload, sign(payload))).isEqualTo(
                new WebhookOutcome.RefundUpdated(EventId.of("evt_r2"), KEY, REFUND_KEY, INVOICE,
                        new RefundOutcome.Pending(REFUND)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"failed, insufficient_funds, insufficient_funds", "failed, lost_or_stolen_card, lost_or_stolen_card",
        "canceled, merchant_request, merchant_request", "failed, , failed", "canceled, , canceled",
        "failed, 'not a code', failed"})
    void aRefundUpdatedToFailedOrCanceledIsDeclinedWithTheRefundAndItsFailureReason(String status,
            String failureReason, String code) {
        String payload = event("evt_r3", "refund.updated", refund(status, failureReason, true));

        assertThat(webhooks.handle(payload, sign(payload))).isInstanceOfSatisfying(WebhookOutcome.RefundUpdated.class,
                updated -> {
                    assertThat(updated.eventId()).isEqualTo(EventId.of("evt_r3"));
                    assertThat(updated.chargeKey()).isEqualTo(KEY);
                    assertThat(updated.refundKey()).isEqualTo(REFUND_KEY);
                    assertThat(updated.invoiceId()).isEqualTo(INVOICE);
                    assertThat(updated.outcome()).isInstanceOfSatisfying(RefundOutcome.Declined.class, declined -> {
                        assertThat(declined.reference()).isEqualTo(REFUND);
                        assertThat(declined.code()).isEqualTo(DeclineCode.of(code));
                        assertThat(declined.message()).contains(code);
                    });
                });
    }

    @Test
    void aRefundFailedEventIsARefundUpdatedThatIsDeclinedWithItsFailureReason() {
        String payload = event("evt_r4", "refund.failed", refund("failed", "expired_or_canceled_card", true));

        assertThat(webhooks.handle(payload, sign(payload))).isInstanceOfSatisfying(WebhookOutcome.RefundUpdated.class,
                updated -> {
                    assertThat(updated.chargeKey()).isEqualTo(KEY);
                    assertThat(updated.refundKey()).isEqualTo(REFUND_KEY);
                    assertThat(updated.invoiceId()).isEqualTo(INVOICE);
                    assertThat(updated.outcome()).isInstanceOfSatisfying(RefundOutcome.Declined.class, declined -> {
                        assertThat(declined.reference()).isEqualTo(REFUND);
                        assertThat(declined.code()).isEqualTo(DeclineCode.of("expired_or_canceled_card"));
                    });
                });
    }

    @Test
    void aChargeRefundUpdatedEventIsARefundUpdatedToo() {
        String succeeded = event("evt_r5", "charge.refund.updated", refund("succeeded", null, true));
        String pending = event("evt_r6", "charge.refund.updated", refund("pending", null, true));

        assertThat(webhooks.handle(succeeded, sign(succeeded))).isEqualTo(
                new WebhookOutcome.RefundUpdated(EventId.of("evt_r5"), KEY, REFUND_KEY, INVOICE,
                        new RefundOutcome.Succeeded(REFUND)));
        assertThat(webhooks.handle(pending, sign(pending))).isEqualTo(
                new WebhookOutcome.RefundUpdated(EventId.of("evt_r6"), KEY, REFUND_KEY, INVOICE,
                        new RefundOutcome.Pending(REFUND)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"refund.updated", "refund.failed", "charge.refund.updated"})
    void aRefundWithoutTheBillingsMetadataIsIgnored(String type) {
        JsonObject foreign = refund("succeeded", null, false);
        JsonObject withoutInvoice = refund("succeeded", null, true);
        withoutInvoice.getAsJsonObject("metadata").remove("billing_invoice_id");
        JsonObject withoutKey = refund("succeeded", null, true);
        withoutKey.getAsJsonObject("metadata").remove("billing_idempotency_key");
        JsonObject withoutMetadata = refund("succeeded", null, false);
        withoutMetadata.remove("metadata");
        List<JsonObject> refunds = List.of(foreign, withoutInvoice, withoutKey, withoutMetadata);

        for (int i = 0; i < refunds.size(); i++) {
            String payload = event("evt_r7_" + i, type, refunds.get(i));
            assertThat(webhooks.handle(payload, sign(payload))).as("refund %d", i)
                    .isInstanceOfSatisfying(WebhookOutcome.Ignored.class, ignored -> {
                        assertThat(ignored.type()).isEqualTo(type);
                        assertThat(ignored.reason()).isEqualTo(IgnoredReason.NOT_MADE_BY_THE_BILLING);
                    });
        }
    }

    @Test
    void aRefundTheFormerAdapterMadeWithoutTheChargesKeyIsIgnoredRatherThanRecordedUnderItsRefundKey() {
        JsonObject former = refund("succeeded", null, true);
        former.getAsJsonObject("metadata").remove("billing_refund_key");
        former.getAsJsonObject("metadata").addProperty("billing_idempotency_key", "refund-5c1b");
        String payload = event("evt_r9", "refund.updated", former);

        assertThat(webhooks.handle(payload, sign(payload))).isInstanceOfSatisfying(WebhookOutcome.Ignored.class,
                ignored -> assertThat(ignored.reason()).isEqualTo(IgnoredReason.REFUND_RECORDED_WHEN_MADE));
    }

    @Test
    void aRefundWhoseBillingInvoiceIsUnreadableIsIgnored() {
        JsonObject unreadable = refund("succeeded", null, true);
        unreadable.getAsJsonObject("metadata").addProperty("billing_invoice_id", "not-an-invoice");
        String payload = event("evt_r8", "refund.updated", unreadable);

        assertThat(webhooks.handle(payload, sign(payload))).isInstanceOfSatisfying(WebhookOutcome.Ignored.class,
                ignored -> assertThat(ignored.reason()).isEqualTo(IgnoredReason.UNREADABLE_METADATA));
    }

    @Test
    void aSignedEventWhoseIdIsNoValidReferenceIsRefusedAsAMalformedPayload() {
        JsonObject intent = paymentIntent("succeeded", true);
        intent.addProperty("id", "pi_3Q webhookTest");
        JsonObject refund = refund("succeeded", null, true);
        refund.addProperty("id", "re_3Q webhookTest");
        JsonObject failedRefund = refund("failed", "declined", true);
        failedRefund.addProperty("id", "re_\t3QwebhookTest");
        JsonObject setup = Fixtures.of("setup_intent");
        setup.addProperty("id", "seti_1");
        setup.addProperty("customer", "cus_1 ");
        JsonObject setupMetadata = new JsonObject();
        setupMetadata.addProperty("billing_setup_key", "setup-5c1b");
        setup.add("metadata", setupMetadata);
        JsonObject method = Fixtures.of("payment_method");
        method.addProperty("id", "");
        JsonObject mandate = Fixtures.of("mandate");
        mandate.addProperty("id", "mandate 1Pgc78");
        List<String> payloads = List.of(event("evt_m1", "payment_intent.succeeded", intent),
                event("evt_m2", "refund.updated", refund), event("evt_m3", "charge.refund.updated", refund),
                event("evt_m4", "refund.failed", failedRefund), event("evt_m5", "setup_intent.succeeded", setup),
                event("evt_m6", "payment_method.detached", method), event("evt_m7", "mandate.updated", mandate),
                event("evt m8", "payment_intent.succeeded", paymentIntent("succeeded", true)),
                event("", "customer.updated", Fixtures.of("customer")));

        for (String payload : payloads) {
            assertRefused(payload, sign(payload), Reason.MALFORMED_PAYLOAD);
        }
        String genuine = event("evt_m2", "refund.updated", refund("succeeded", null, true));
        assertThat(webhooks.handle(genuine, sign(genuine))).as("a refused event is not remembered")
                .isInstanceOf(WebhookOutcome.RefundUpdated.class);
    }

    @Test
    void anUnknownEventTypeIsAcknowledgedAndIgnored() {
        String payload = Fixtures.of("event").toString(); // Stripe's example: plan.created

        assertThat(webhooks.handle(payload, sign(payload)))
                .isEqualTo(new WebhookOutcome.Ignored(EventId.of("evt_1Pgc76B7WZ01zgkWwyRHS12y"), "plan.created",
                        IgnoredReason.NOT_ACTED_ON));
    }

    @Test
    void aRepeatedDeliveryIsADuplicateUntilForgotten() {
        String payload = event("evt_8", "payment_intent.succeeded", paymentIntent("succeeded", true));

        assertThat(webhooks.handle(payload, sign(payload))).isInstanceOf(WebhookOutcome.PaymentOutcome.class);
        assertThat(webhooks.handle(payload, sign(payload, TestAdapter.WEBHOOK_SECRET, NOW)))
                .isEqualTo(new WebhookOutcome.Duplicate(EventId.of("evt_8"), "payment_intent.succeeded"));

        webhooks.forget(EventId.of("evt_8"));
        assertThat(webhooks.handle(payload, sign(payload))).isInstanceOf(WebhookOutcome.PaymentOutcome.class);
    }

    @Test
    void theMemoryOfEventIdsIsBounded() {
        StripeWebhooks small = webhooks(Clock.fixed(NOW, ZoneOffset.UTC), 2);
        for (String id : new String[] {"evt_a", "evt_b", "evt_c"}) {
            String payload = event(id, "customer.updated", new JsonObject());
            assertThat(small.handle(payload, sign(payload))).isInstanceOf(WebhookOutcome.Ignored.class);
        }
        String first = event("evt_a", "customer.updated", new JsonObject());
        String last = event("evt_c", "customer.updated", new JsonObject());

        assertThat(small.handle(first, sign(first))).as("forgotten: the oldest of three")
                .isInstanceOf(WebhookOutcome.Ignored.class);
        assertThat(small.handle(last, sign(last))).isInstanceOf(WebhookOutcome.Duplicate.class);
    }

    @Test
    void aDeliverySignedWithAnotherSecretIsRefusedAsForged() {
        String payload = event("evt_9", "payment_intent.succeeded", paymentIntent("succeeded", true));

        assertRefused(payload, sign(payload, "whsec_" + "someoneElsesSecret", NOW), Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void anAlteredBodyIsRefused() {
        String payload = event("evt_10", "payment_intent.succeeded", paymentIntent("succeeded", true));
        String header = sign(payload);

        assertRefused(payload.replace("\"amount\":1099", "\"amount\":1"), header, Reason.SIGNATURE_MISMATCH);
        assertRefused(payload + " ", header, Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void aDeliverySignedOutsideTheToleranceIsRefusedEvenWithAValidSignature() {
        String payload = event("evt_11", "payment_intent.succeeded", paymentIntent("succeeded", true));

        assertRefused(payload, sign(payload, TestAdapter.WEBHOOK_SECRET, NOW.minusSeconds(301)),
                Reason.OUTSIDE_TOLERANCE);
        assertRefused(payload, sign(payload, TestAdapter.WEBHOOK_SECRET, NOW.plusSeconds(301)),
                Reason.OUTSIDE_TOLERANCE);
        assertThat(webhooks.handle(payload, sign(payload, TestAdapter.WEBHOOK_SECRET, NOW.minusSeconds(300))))
                .as("at the tolerance's edge").isInstanceOf(WebhookOutcome.PaymentOutcome.class);
    }

    @Test
    void theToleranceIsCountedOnTheInjectedClock() {
        String payload = event("evt_12", "payment_intent.succeeded", paymentIntent("succeeded", true));
        String header = sign(payload, TestAdapter.WEBHOOK_SECRET, NOW);
        StripeWebhooks later = webhooks(Clock.fixed(NOW.plus(Duration.ofMinutes(6)), ZoneOffset.UTC), 10);

        assertThatThrownBy(() -> later.handle(payload, header)).isInstanceOfSatisfying(
                WebhookRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_TOLERANCE));
    }

    @Test
    void aRefusedDeliveryIsNotRememberedSoTheGenuineOneStillCounts() {
        String payload = event("evt_13", "payment_intent.succeeded", paymentIntent("succeeded", true));
        assertRefused(payload, sign(payload, "whsec_forger", NOW), Reason.SIGNATURE_MISMATCH);

        assertThat(webhooks.handle(payload, sign(payload))).isInstanceOf(WebhookOutcome.PaymentOutcome.class);
    }

    @Test
    void aDeliveryWithSeveralSignaturesIsAcceptedWhenOneMatches() {
        String payload = event("evt_14", "payment_intent.succeeded", paymentIntent("succeeded", true));
        String header = sign(payload) + ",v1=" + "0".repeat(64) + ",v0=ignored";
        String genuineLast = "t=" + NOW.minusSeconds(5).getEpochSecond() + ",v1=" + "0".repeat(64)
                + sign(payload).substring(sign(payload).indexOf(','));

        assertThat(webhooks.handle(payload, header)).isInstanceOf(WebhookOutcome.PaymentOutcome.class);
        webhooks.forget(EventId.of("evt_14"));
        assertThat(webhooks.handle(payload, genuineLast)).isInstanceOf(WebhookOutcome.PaymentOutcome.class);
    }

    @Test
    void anOldDeliveryWithAFreshTimestampAppendedIsRefused() {
        String payload = event("evt_20", "payment_intent.succeeded", paymentIntent("succeeded", true));
        String anHourOld = sign(payload, TestAdapter.WEBHOOK_SECRET, NOW.minusSeconds(3600));

        assertRefused(payload, anHourOld + ",t=" + NOW.getEpochSecond(), Reason.MALFORMED_HEADER);
    }

    @Test
    void anOldDeliveryWithAFreshTimestampPrependedOrInsertedIsRefused() {
        String payload = event("evt_21", "payment_intent.succeeded", paymentIntent("succeeded", true));
        String anHourOld = sign(payload, TestAdapter.WEBHOOK_SECRET, NOW.minusSeconds(3600));
        String fresh = "t=" + NOW.getEpochSecond();

        assertRefused(payload, fresh + "," + anHourOld, Reason.MALFORMED_HEADER);
        assertRefused(payload, anHourOld.replace(",v1=", "," + fresh + ",v1="), Reason.MALFORMED_HEADER);
    }

    /**
     * A genuine, fresh delivery whose header has one more timestamp: the same value or another,
     * first, last, between the signatures, before or after them. {@code {t}} is the signed
     * timestamp, {@code {sig}} its signature, {@code {old}} an hour earlier, {@code {fake}} a
     * well-formed signature that matches nothing.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"t={t},t={t},v1={sig}", "t={t},v1={sig},t={t}", "t={t},v1={sig},t={t},v1={fake}",
        "t={t},v1={fake},t={t},v1={sig}", "t={old},t={t},v1={sig}", "t={t},t={old},v1={sig}",
        "t={t},v1={sig},t={old}", "t={t},v1={sig},t={old},v1={fake}", "v1={sig},t={t},t={old}",
        "v1={sig},t={old},v1={fake},t={t}", "t={t},t={t},t={t},v1={sig}", "t={t},v1={sig},v0={fake},t={t}"})
    void aHeaderWithASecondTimestampIsRefusedAsMalformed(String template) {
        String payload = event("evt_22", "payment_intent.succeeded", paymentIntent("succeeded", true));
        Instant signedAt = NOW.minusSeconds(5);
        String genuine = sign(payload, TestAdapter.WEBHOOK_SECRET, signedAt);
        String header = template.replace("{t}", String.valueOf(signedAt.getEpochSecond()))
                .replace("{old}", String.valueOf(signedAt.minusSeconds(3600).getEpochSecond()))
                .replace("{sig}", genuine.substring(genuine.indexOf(",v1=") + 4))
                .replace("{fake}", "0".repeat(64));

        assertRefused(payload, header, Reason.MALFORMED_HEADER);
        assertThat(webhooks.handle(payload, genuine)).as("the same delivery with its one timestamp")
                .isInstanceOf(WebhookOutcome.PaymentOutcome.class);
    }

    /** Headers that made stripe-java's parser throw ArrayIndexOutOfBoundsException: a key without {@code =}. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"t=1767603600,v1=00,v1", "t,t=1767603600,v1=00", "t=1767603600,v1",
        "v1,t=1767603600,v1=00"})
    void anItemWithoutAValueIsRefusedAsMalformedRatherThanThrown(String header) {
        String payload = event("evt_23", "payment_intent.succeeded", paymentIntent("succeeded", true));

        assertRefused(payload, header, Reason.MALFORMED_HEADER);
    }

    @Test
    void aGenuineHeaderMadeUnreadableByAnAppendedItemIsRefusedAsMalformedRatherThanThrown() {
        String payload = event("evt_24", "payment_intent.succeeded", paymentIntent("succeeded", true));
        String genuine = sign(payload);

        assertRefused(payload, genuine + ",v1", Reason.MALFORMED_HEADER);
        assertRefused(payload, "t," + genuine, Reason.MALFORMED_HEADER);
    }

    @Test
    void aHeaderWithWhiteSpaceIsRefusedAsMalformed() {
        String payload = event("evt_25", "payment_intent.succeeded", paymentIntent("succeeded", true));
        String genuine = sign(payload);

        assertRefused(payload, genuine.replace(",", ", "), Reason.MALFORMED_HEADER);
        assertRefused(payload, " " + genuine, Reason.MALFORMED_HEADER);
        assertRefused(payload, genuine + "\n", Reason.MALFORMED_HEADER);
    }

    @Test
    void aHeaderLongerThan8192CharactersIsRefusedAndOneOf8192IsVerified() {
        String payload = event("evt_26", "payment_intent.succeeded", paymentIntent("succeeded", true));
        String atTheLimit = SignatureHeaderTest.padded(sign(payload), SignatureHeader.MAX_LENGTH);

        assertRefused(payload, atTheLimit + "a", Reason.MALFORMED_HEADER);
        assertThat(webhooks.handle(payload, atTheLimit)).isInstanceOf(WebhookOutcome.PaymentOutcome.class);
    }

    @Test
    void stripeJavaVerifiesAHeaderRebuiltFromTheOneTimestampAndTheV1Signatures() {
        String payload = event("evt_27", "payment_intent.succeeded", paymentIntent("succeeded", true));
        String genuine = sign(payload);
        String signature = genuine.substring(genuine.indexOf(",v1=") + 4);
        List<String> seen = new ArrayList<>();
        StripeWebhooks recording = new StripeWebhooks(TestAdapter.WEBHOOK_SECRET, Duration.ofMinutes(5),
                Clock.fixed(NOW, ZoneOffset.UTC), 10, (body, header, secret) -> seen.add(header));

        recording.handle(payload, "v0=" + "0".repeat(64) + ",v1=" + "f".repeat(64) + ",future=x," + genuine);

        assertThat(seen).containsExactly("t=" + NOW.minusSeconds(5).getEpochSecond() + ",v1=" + "f".repeat(64)
                + ",v1=" + signature);
    }

    @Test
    void aFailureOfStripeJavaIsRefusedWithItsCauseRatherThanThrown() {
        String payload = event("evt_28", "payment_intent.succeeded", paymentIntent("succeeded", true));
        IllegalStateException failure = new IllegalStateException("stripe-java bug");
        StripeWebhooks failing = new StripeWebhooks(TestAdapter.WEBHOOK_SECRET, Duration.ofMinutes(5),
                Clock.fixed(NOW, ZoneOffset.UTC), 10, (body, header, secret) -> {
                    throw failure;
                });

        assertThatThrownBy(() -> failing.handle(payload, sign(payload))).isInstanceOfSatisfying(
                WebhookRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_HEADER);
                    assertThat(e.getCause()).isSameAs(failure);
                });
    }

    @Test
    void aRefusalQuotesNeitherTheHeaderNorTheSecretInItsMessageOrTheLog() {
        String payload = event("evt_29", "payment_intent.succeeded", paymentIntent("succeeded", true));
        String marker = "attackerControlledText";
        String genuine = sign(payload);
        List<String> headers = List.of(genuine + ",v0=" + marker.repeat(1000), genuine + "," + marker,
                genuine + ",t=" + marker, "t=" + NOW.getEpochSecond() + ",v1=" + TestAdapter.WEBHOOK_SECRET,
                marker + TestAdapter.WEBHOOK_SECRET, sign(payload, TestAdapter.WEBHOOK_SECRET, NOW.minusSeconds(3600))
                        + ",v0=" + marker, sign(payload, "whsec_" + marker, NOW) + ",v0=" + marker);
        try (LogCapture logs = LogCapture.startQuietly()) {
            for (String header : headers) {
                assertThatThrownBy(() -> webhooks.handle(payload, header)).isInstanceOfSatisfying(
                        WebhookRefusedException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(160)
                                .doesNotContain(marker).doesNotContain(TestAdapter.WEBHOOK_SECRET));
            }
            assertThat(logs.lines()).hasSizeGreaterThanOrEqualTo(headers.size()).allSatisfy(line ->
                    assertThat(line).hasSizeLessThan(200).doesNotContain(marker)
                            .doesNotContain(TestAdapter.WEBHOOK_SECRET));
        }
    }

    @Test
    void malformedHeadersAndBodiesAreRefused() {
        String payload = event("evt_15", "payment_intent.succeeded", paymentIntent("succeeded", true));

        assertRefused(payload, null, Reason.MALFORMED_HEADER);
        assertRefused(payload, "", Reason.MALFORMED_HEADER);
        assertRefused(payload, "v1=abc", Reason.MALFORMED_HEADER);
        assertRefused(payload, "t=notanumber,v1=abc", Reason.MALFORMED_HEADER);
        assertRefused(payload, "t=" + NOW.getEpochSecond(), Reason.MALFORMED_HEADER);
        assertRefused("not json", sign("not json"), Reason.MALFORMED_PAYLOAD);
        assertRefused("{\"object\":\"list\"}", sign("{\"object\":\"list\"}"), Reason.MALFORMED_PAYLOAD);
    }

    @Test
    void theSecretIsNeverInAMessageOrToString() {
        String payload = event("evt_16", "payment_intent.succeeded", paymentIntent("succeeded", true));

        assertThatThrownBy(() -> webhooks.handle(payload, sign(payload, "whsec_other", NOW)))
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(TestAdapter.WEBHOOK_SECRET);
                    }
                });
        assertThat(webhooks.toString()).doesNotContain(TestAdapter.WEBHOOK_SECRET);
    }

    private void assertRefused(String payload, String header, Reason reason) {
        assertThatThrownBy(() -> webhooks.handle(payload, header))
                .isInstanceOfSatisfying(WebhookRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.code()).isEqualTo(org.billingsdk.core.ErrorCode.WEBHOOK_REFUSED);
                });
    }
}
