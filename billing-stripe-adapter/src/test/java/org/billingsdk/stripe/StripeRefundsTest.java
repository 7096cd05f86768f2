package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.billingsdk.stripe.StripePaymentsTest.charge;
import static org.billingsdk.stripe.StripePaymentsTest.eur;
import static org.billingsdk.stripe.StripePaymentsTest.profile;

import com.google.gson.JsonObject;
import com.stripe.StripeClient;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.port.PaymentProvider.ChargeRequest;
import org.billingsdk.core.port.PaymentProvider.RefundRequest;
import org.billingsdk.core.port.PaymentProvider.SetupResult;
import org.billingsdk.core.port.PaymentProvider.SetupStart;
import org.billingsdk.stripe.StripeStub.Hang;
import org.billingsdk.stripe.StripeStub.Request;
import org.billingsdk.stripe.StripeStub.Status;
import org.billingsdk.stripe.StripeStub.When;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StripeRefundsTest {

    static final String REFUNDS = "/v1/refunds";

    private StripeStub stub;
    private StripePayments payments;

    @BeforeEach
    void start() {
        stub = StripeStub.start();
        payments = TestAdapter.on(stub, new FakeTime(), StripePaymentsTest.CLOCK).build();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aRefundIsCreatedForThePaymentIntentInFullUnderItsOwnIdempotencyKey() {
        CustomerReference customer = payments.syncCustomer(profile(null), Optional.empty());
        SetupStart setup = payments.startSetup(customer, SetupKind.CARD, IdempotencyKey.of("setup-1"));
        PaymentMethodReference card = PaymentMethodReference.of(
                stub.confirmSetupWithCard(setup.setupReference().value(), "visa", "4242", 12, 2030));
        assertThat(payments.completeSetup(customer, setup.setupReference())).isInstanceOf(SetupResult.Completed.class);
        InvoiceId invoice = InvoiceId.random();
        ChargeRequest charge = charge(invoice, 1, customer, card, eur("59.29"));
        ChargeOutcome charged = payments.charge(charge);
        ChargeReference intent = ((ChargeOutcome.Succeeded) charged).providerReference();

        RefundRequest refund = new RefundRequest(invoice, intent, charge.idempotencyKey(), eur("59.29"),
                IdempotencyKey.of("refund-" + invoice));
        RefundOutcome refunded = payments.refund(refund);
        RefundOutcome again = payments.refund(refund);

        assertThat(refunded).isInstanceOfSatisfying(RefundOutcome.Succeeded.class,
                succeeded -> assertThat(succeeded.reference().value()).startsWith("re_"));
        assertThat(again).isEqualTo(refunded);
        List<Request> calls = stub.requests("POST", REFUNDS);
        assertThat(calls).as("asked again, the refund is found under its key").hasSize(1).allSatisfy(call -> {
            assertThat(call.param("payment_intent")).isEqualTo(intent.value());
            assertThat(call.param("amount")).isEqualTo("5929");
            assertThat(call.param("metadata[billing_invoice_id]")).isEqualTo(invoice.toString());
            assertThat(call.header("Idempotency-Key")).isEqualTo("refund-" + invoice);
            StripePaymentsTest.assertStripeHeaders(call);
        });
        assertThat(calls.get(0).header("Idempotency-Key")).isNotEqualTo(IdempotencyKey.forAttempt(invoice, 1).value());
    }

    /** A card charge of {@code amount} made through the adapter: its request and its PaymentIntent. */
    private record Charged(ChargeRequest request, ChargeReference intent) {

        /** The refund of {@code amount} of this charge under the refund key {@code key}. */
        RefundRequest refund(String amount, String key) {
            return new RefundRequest(request.invoiceId(), intent, request.idempotencyKey(), eur(amount),
                    IdempotencyKey.of(key));
        }
    }

    private Charged charged(InvoiceId invoice, String amount) {
        CustomerReference customer = payments.syncCustomer(profile(null), Optional.empty());
        SetupStart setup = payments.startSetup(customer, SetupKind.CARD, IdempotencyKey.of("setup-" + invoice));
        PaymentMethodReference card = PaymentMethodReference.of(
                stub.confirmSetupWithCard(setup.setupReference().value(), "visa", "4242", 12, 2030));
        payments.completeSetup(customer, setup.setupReference());
        ChargeRequest request = charge(invoice, 1, customer, card, eur(amount));
        return new Charged(request, ((ChargeOutcome.Succeeded) payments.charge(request)).providerReference());
    }

    /** The one refund Stripe made under a refund key. */
    private RefundReference theRefundUnder(String key) {
        List<JsonObject> made = stub.refundsUnder(key);
        assertThat(made).as("the refunds made under " + key).hasSize(1);
        return RefundReference.of(made.get(0).get("id").getAsString());
    }

    @Test
    void theRefundCarriesTheRefundedChargesKeyAndItsOwnKeyInItsMetadata() {
        InvoiceId invoice = InvoiceId.random();
        Charged charge = charged(invoice, "59.29");
        String chargeKey = charge.request().idempotencyKey().value();
        String refundKey = "refund-" + invoice;

        payments.refund(charge.refund("59.29", refundKey));

        assertThat(chargeKey).isEqualTo(IdempotencyKey.forAttempt(invoice, 1).value()).isNotEqualTo(refundKey);
        assertThat(stub.requests("POST", REFUNDS)).singleElement().satisfies(call -> {
            assertThat(call.params()).containsOnly(entry("payment_intent", charge.intent().value()),
                    entry("amount", "5929"), entry("metadata[billing_invoice_id]", invoice.toString()),
                    entry("metadata[billing_idempotency_key]", chargeKey),
                    entry("metadata[billing_refund_key]", refundKey));
            assertThat(call.header("Idempotency-Key")).isEqualTo(refundKey);
        });
        assertThat(stub.refundsOfCharge(chargeKey)).singleElement().satisfies(refund -> {
            JsonObject metadata = refund.getAsJsonObject("metadata");
            assertThat(metadata.get(StripeCharges.KEY_METADATA).getAsString()).isEqualTo(chargeKey);
            assertThat(metadata.get(StripeCharges.REFUND_KEY_METADATA).getAsString()).isEqualTo(refundKey);
            assertThat(metadata.get(StripeCharges.INVOICE_METADATA).getAsString()).isEqualTo(invoice.toString());
        });
        assertThat(stub.refundsUnder(refundKey)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pending", "requires_action"})
    void aRefundStripeAnswersAsUnderWayIsPendingWithItsRefundId(String status) {
        InvoiceId invoice = InvoiceId.random();
        Charged charge = charged(invoice, "59.29");
        stub.refundsOf(charge.intent().value(), status, null);

        RefundOutcome outcome = payments.refund(charge.refund("59.29", "refund-" + invoice));

        RefundReference made = theRefundUnder("refund-" + invoice);
        assertThat(made.value()).startsWith("re_");
        assertThat(outcome).isEqualTo(new RefundOutcome.Pending(made));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"failed, expired_or_canceled_card, expired_or_canceled_card",
        "failed, lost_or_stolen_card, lost_or_stolen_card", "canceled, merchant_request, merchant_request",
        "canceled, , canceled"})
    void aRefundStripeAnswersFailedOrCanceledIsDeclinedWithTheRefundIdAndItsFailureReason(String status,
            String failureReason, String code) {
        InvoiceId invoice = InvoiceId.random();
        Charged charge = charged(invoice, "59.29");
        stub.refundsOf(charge.intent().value(), status, failureReason);

        RefundOutcome outcome = payments.refund(charge.refund("59.29", "refund-" + invoice));

        RefundReference made = theRefundUnder("refund-" + invoice);
        assertThat(made.value()).startsWith("re_");
        assertThat(outcome).isInstanceOfSatisfying(RefundOutcome.Declined.class, declined -> {
            assertThat(declined.reference()).isEqualTo(made);
            assertThat(declined.code()).isEqualTo(DeclineCode.of(code));
            assertThat(declined.message()).contains(code);
        });
    }

    @Test
    void askingAgainUnderTheSameKeyAnswersTheSameRefundAndMakesNoSecondOne() {
        InvoiceId invoice = InvoiceId.random();
        Charged charge = charged(invoice, "59.29");
        stub.refundsOf(charge.intent().value(), "pending", null);
        RefundRequest refund = charge.refund("59.29", "refund-" + invoice);

        RefundOutcome first = payments.refund(refund);
        RefundOutcome again = payments.refund(refund);

        RefundReference made = theRefundUnder("refund-" + invoice);
        assertThat(first).isEqualTo(new RefundOutcome.Pending(made));
        assertThat(again).isEqualTo(first);
        assertThat(stub.requests("POST", REFUNDS)).as("the second answer is the refund found under its key")
                .singleElement().extracting(r -> r.header("Idempotency-Key")).isEqualTo("refund-" + invoice);
        assertThat(stub.refundsOfCharge(charge.request().idempotencyKey().value())).hasSize(1);
        assertThat(payments.refund(charge.refund("0.01", "refund-more-" + invoice)))
                .as("the charge was refunded once, in full")
                .isInstanceOfSatisfying(RefundOutcome.Declined.class,
                        declined -> assertThat(declined.code()).isEqualTo(DeclineCode.of("charge_already_refunded")));
    }

    @Test
    void aRefundOfMoreThanIsLeftOfTheChargeIsDeclinedWithStripesCodeAndRefundsNothing() {
        InvoiceId invoice = InvoiceId.random();
        Charged charge = charged(invoice, "59.29");
        payments.refund(charge.refund("50.00", "refund-1-" + invoice));

        RefundOutcome tooMuch = payments.refund(charge.refund("10.00", "refund-2-" + invoice));
        RefundOutcome rest = payments.refund(charge.refund("9.29", "refund-3-" + invoice));

        assertThat(tooMuch).isInstanceOfSatisfying(RefundOutcome.Declined.class, declined -> {
            assertThat(declined.code()).isEqualTo(DeclineCode.of("amount_too_large"));
            assertThat(declined.reference()).isNull();
            assertThat(declined.message()).contains("greater than unrefunded amount");
        });
        assertThat(stub.refundsUnder("refund-2-" + invoice)).isEmpty();
        assertThat(rest).isInstanceOf(RefundOutcome.Succeeded.class);
    }

    @Test
    void aRefundOfAChargeRefundedInFullIsDeclinedAsAlreadyRefunded() {
        InvoiceId invoice = InvoiceId.random();
        Charged charge = charged(invoice, "59.29");
        payments.refund(charge.refund("59.29", "refund-1-" + invoice));

        RefundOutcome again = payments.refund(charge.refund("0.01", "refund-2-" + invoice));

        assertThat(again).isInstanceOfSatisfying(RefundOutcome.Declined.class, declined -> {
            assertThat(declined.code()).isEqualTo(DeclineCode.of("charge_already_refunded"));
            assertThat(declined.reference()).isNull();
        });
    }

    @Test
    void aRefundOfAPaymentIntentWithoutASucceededChargeIsDeclinedWithStripesCode() {
        InvoiceId invoice = InvoiceId.random();
        RefundOutcome outcome = payments.refund(new RefundRequest(invoice, ChargeReference.of("pi_stubMissing"),
                IdempotencyKey.forAttempt(invoice, 1), eur("10.00"), IdempotencyKey.of("refund-x")));

        assertThat(outcome).isInstanceOfSatisfying(RefundOutcome.Declined.class, declined -> {
            assertThat(declined.code()).isEqualTo(DeclineCode.of("charge_not_refundable"));
            assertThat(declined.reference()).isNull();
        });
    }

    @Test
    void aServerErrorBeforeTheRefundIsUnknownAndAskingAgainUnderItsKeyRefundsOnce() {
        InvoiceId invoice = InvoiceId.random();
        Charged charge = charged(invoice, "59.29");
        RefundRequest refund = charge.refund("59.29", "refund-" + invoice);
        stub.fail("POST", REFUNDS, new Status(500, "api_error", null, When.BEFORE));

        RefundOutcome lost = payments.refund(refund);

        assertThat(lost).isInstanceOfSatisfying(RefundOutcome.Unknown.class,
                unknown -> assertThat(unknown.detail()).contains("HTTP 500"));
        assertThat(stub.refundsUnder("refund-" + invoice)).isEmpty();
        RefundOutcome retried = payments.refund(refund);
        assertThat(retried).isEqualTo(new RefundOutcome.Succeeded(theRefundUnder("refund-" + invoice)));
    }

    @Test
    void noAnswerToTheRefundIsUnknownAndAskingAgainUnderItsKeyAnswersTheOneRefundMade() {
        StripePayments impatient = TestAdapter.on(stub, new FakeTime(), StripePaymentsTest.CLOCK)
                .readTimeout(Duration.ofMillis(300)).build();
        InvoiceId invoice = InvoiceId.random();
        Charged charge = charged(invoice, "59.29");
        stub.refundsOf(charge.intent().value(), "pending", null);
        RefundRequest refund = charge.refund("59.29", "refund-" + invoice);
        stub.fail("POST", REFUNDS, new Hang(When.AFTER));

        RefundOutcome lost = impatient.refund(refund);

        assertThat(lost).isInstanceOfSatisfying(RefundOutcome.Unknown.class,
                unknown -> assertThat(unknown.detail()).contains("no answer"));
        RefundReference made = theRefundUnder("refund-" + invoice);
        assertThat(payments.refund(refund)).isEqualTo(new RefundOutcome.Pending(made));
        assertThat(stub.refundsUnder("refund-" + invoice)).hasSize(1);
    }

    @Test
    void aRefundWhoseAnswerWasLostIsFoundUnderItsKeyAfterStripeHasForgottenTheKeyAndMadeOnce() {
        StripePayments impatient = TestAdapter.on(stub, new FakeTime(), StripePaymentsTest.CLOCK)
                .readTimeout(Duration.ofMillis(300)).build();
        InvoiceId invoice = InvoiceId.random();
        Charged charge = charged(invoice, "59.29");
        RefundRequest refund = charge.refund("59.29", "refund-" + invoice);
        stub.fail("POST", REFUNDS, new Hang(When.AFTER));
        assertThat(impatient.refund(refund)).isInstanceOf(RefundOutcome.Unknown.class);
        stub.forgetIdempotencyKeys(); // days later: creating it again would be refused as already refunded

        RefundOutcome asked = payments.refund(refund);

        assertThat(asked).isEqualTo(new RefundOutcome.Succeeded(theRefundUnder("refund-" + invoice)));
        assertThat(stub.refundsUnder("refund-" + invoice)).hasSize(1);
        assertThat(stub.requests("POST", REFUNDS)).hasSize(1);
    }

    @Test
    void aRefundMadeBeforeRefundsKeptTheirOwnKeyEntryIsFoundUnderItsKeyAndNotMadeAgain() throws Exception {
        InvoiceId invoice = InvoiceId.random();
        Charged charge = charged(invoice, "59.29");
        String refundKey = "refund-" + invoice;
        // What the former adapter sent: the refund's own key under billing_idempotency_key, no billing_refund_key.
        StripeClient former = StripeClient.builder().setApiKey(TestAdapter.API_KEY).setApiBase(stub.baseUrl())
                .build();
        Refund made = former.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(charge.intent().value()).setAmount(5929L)
                .putMetadata(StripeCharges.INVOICE_METADATA, invoice.toString())
                .putMetadata(StripeCharges.KEY_METADATA, refundKey).build(),
                RequestOptions.builder().setIdempotencyKey(refundKey).build());
        stub.forgetIdempotencyKeys();

        RefundOutcome asked = payments.refund(charge.refund("59.29", refundKey));

        assertThat(asked).isEqualTo(new RefundOutcome.Succeeded(RefundReference.of(made.getId())));
        assertThat(stub.requests("POST", REFUNDS)).as("only the former adapter's").hasSize(1);
    }

    @Test
    void rateLimitingThatOutlastsTheRetriesIsUnknownAndRefundsNothing() {
        InvoiceId invoice = InvoiceId.random();
        Charged charge = charged(invoice, "59.29");
        stub.fail("POST", REFUNDS, new Status(429, "invalid_request_error", "rate_limit", When.BEFORE), 4);

        RefundOutcome outcome = payments.refund(charge.refund("59.29", "refund-" + invoice));

        assertThat(outcome).isInstanceOfSatisfying(RefundOutcome.Unknown.class,
                unknown -> assertThat(unknown.detail()).contains("429").contains("nothing was refunded"));
        assertThat(stub.requests("POST", REFUNDS)).hasSize(4);
        assertThat(stub.refundsUnder("refund-" + invoice)).isEmpty();
    }
}
