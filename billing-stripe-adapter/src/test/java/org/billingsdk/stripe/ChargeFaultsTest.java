package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.stripe.StripePaymentsTest.charge;
import static org.billingsdk.stripe.StripePaymentsTest.eur;
import static org.billingsdk.stripe.StripePaymentsTest.profile;

import java.time.Duration;
import java.util.Optional;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.port.PaymentProvider.ChargeRequest;
import org.billingsdk.core.port.PaymentProvider.SetupStart;
import org.billingsdk.stripe.StripeStub.Drop;
import org.billingsdk.stripe.StripeStub.Hang;
import org.billingsdk.stripe.StripeStub.Malformed;
import org.billingsdk.stripe.StripeStub.Status;
import org.billingsdk.stripe.StripeStub.When;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults between the adapter and Stripe while charging: each maps to an outcome, and asking again
 * under the same key (as the core's reconciliation does) charges the invoice exactly once.
 */
class ChargeFaultsTest {

    static final String CREATE = "/v1/payment_intents";

    StripeStub stub;
    FakeTime time;
    StripePayments payments;
    /** The same adapter, waiting only 300 ms for an answer: for the time-outs. */
    StripePayments impatient;
    CustomerReference customer;
    PaymentMethodReference card;
    InvoiceId invoice = InvoiceId.random();
    ChargeRequest request;

    @BeforeEach
    void start() {
        stub = StripeStub.start();
        time = new FakeTime();
        payments = TestAdapter.on(stub, time, StripePaymentsTest.CLOCK).build();
        impatient = TestAdapter.on(stub, time, StripePaymentsTest.CLOCK).readTimeout(Duration.ofMillis(300)).build();
        customer = payments.syncCustomer(profile(null), Optional.empty());
        SetupStart start = payments.startSetup(customer, SetupKind.CARD, IdempotencyKey.of("setup-1"));
        card = PaymentMethodReference.of(
                stub.confirmSetupWithCard(start.setupReference().value(), "visa", "4242", 12, 2030));
        payments.completeSetup(customer, start.setupReference());
        request = charge(invoice, 1, customer, card, eur("59.29"));
        stub.clearRequests();
        time.clear();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    /** Asks again as the core's reconciliation does and checks that exactly one charge was made. */
    private void reconciledOnce() {
        ChargeOutcome again = payments.charge(request);
        String intent = stub.paymentIntentsUnder(request.idempotencyKey().value()).get(0).get("id").getAsString();
        assertThat(again).isEqualTo(new ChargeOutcome.Succeeded(ChargeReference.of(intent)));
        assertThat(stub.paymentIntentsUnder(request.idempotencyKey().value())).hasSize(1);
        assertThat(stub.capturedFor(invoice.toString())).isEqualTo(5929);
        assertThat(stub.requests("POST", CREATE)).extracting(r -> r.header("Idempotency-Key"))
                .containsOnly(request.idempotencyKey().value());
    }

    @Test
    void aServerErrorBeforeTheChargeIsUnknownAndTheRetryUnderTheSameKeyCharges() {
        stub.fail("POST", CREATE, new Status(500, "api_error", null, When.BEFORE));

        assertThat(payments.charge(request)).isInstanceOfSatisfying(ChargeOutcome.Unknown.class,
                unknown -> assertThat(unknown.detail()).contains("HTTP 500"));
        assertThat(stub.capturedFor(invoice.toString())).isZero();

        reconciledOnce();
        assertThat(stub.requests("POST", CREATE)).hasSize(2);
    }

    @Test
    void aServerErrorAfterTheChargeIsUnknownAndTheLookupFindsTheChargeThatStripeWouldReplayAsA500() {
        stub.fail("POST", CREATE, new Status(500, "api_error", null, When.AFTER));

        assertThat(payments.charge(request)).isInstanceOf(ChargeOutcome.Unknown.class);
        assertThat(stub.capturedFor(invoice.toString())).isEqualTo(5929);

        reconciledOnce();
        assertThat(stub.requests("POST", CREATE)).as("found by the lookup, not created again").hasSize(1);
    }

    @Test
    void aConflictWhileStripeIsStillWorkingOnTheKeyIsUnknown() {
        stub.fail("POST", CREATE, new Status(409, "idempotency_error", null, When.BEFORE));

        // Stripe answers 409 with type idempotency_error for a key in use by a concurrent request;
        // stripe-java maps a 409 to ApiException.
        assertThat(payments.charge(request)).isInstanceOf(ChargeOutcome.Unknown.class);
        reconciledOnce();
    }

    @Test
    void rateLimitingIsRetriedAfterAnExponentialBackOffWithoutSleepingTheTest() {
        stub.fail("POST", CREATE, new Status(429, "invalid_request_error", "rate_limit", When.BEFORE), 2);

        ChargeOutcome outcome = payments.charge(request);

        assertThat(outcome).isInstanceOf(ChargeOutcome.Succeeded.class);
        assertThat(stub.requests("POST", CREATE)).hasSize(3).extracting(r -> r.header("Idempotency-Key"))
                .containsOnly(request.idempotencyKey().value());
        assertThat(time.waits()).filteredOn(wait -> wait.toMillis() >= 250).hasSize(2);
        assertThat(time.waits()).filteredOn(wait -> wait.toMillis() >= 250).satisfiesExactly(
                first -> assertThat(first).isBetween(Duration.ofMillis(250), Duration.ofMillis(500)),
                second -> assertThat(second).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000)));
        assertThat(stub.capturedFor(invoice.toString())).isEqualTo(5929);
    }

    @Test
    void rateLimitingThatOutlastsTheRetriesIsUnknownAndNothingIsCharged() {
        stub.fail("POST", CREATE, new Status(429, "invalid_request_error", "rate_limit", When.BEFORE), 4);

        assertThat(payments.charge(request)).isInstanceOfSatisfying(ChargeOutcome.Unknown.class,
                unknown -> assertThat(unknown.detail()).contains("429"));
        assertThat(stub.requests("POST", CREATE)).hasSize(4);
        assertThat(stub.capturedFor(invoice.toString())).isZero();

        reconciledOnce();
    }

    @Test
    void aTimeOutAfterTheChargeIsUnknownAndTheRetryFindsTheCharge() {
        stub.fail("POST", CREATE, new Hang(When.AFTER));

        assertThat(impatient.charge(request)).isInstanceOfSatisfying(ChargeOutcome.Unknown.class,
                unknown -> assertThat(unknown.detail()).contains("no answer"));

        reconciledOnce();
        assertThat(stub.requests("POST", CREATE)).hasSize(1);
    }

    @Test
    void aTimeOutBeforeTheChargeIsUnknownAndTheRetryCharges() {
        stub.fail("POST", CREATE, new Hang(When.BEFORE));

        assertThat(impatient.charge(request)).isInstanceOf(ChargeOutcome.Unknown.class);
        assertThat(stub.capturedFor(invoice.toString())).isZero();

        reconciledOnce();
    }

    @Test
    void aMalformedAnswerIsUnknownAndTheRetryFindsTheCharge() {
        stub.fail("POST", CREATE, new Malformed());

        assertThat(payments.charge(request)).isInstanceOf(ChargeOutcome.Unknown.class);

        reconciledOnce();
    }

    @Test
    void aDroppedConnectionIsUnknownAndTheRetryFindsTheCharge() {
        // The JDK's HttpURLConnection resends a POST once when the connection closes before an
        // answer (sun.net.http.retryPost): the key makes that resend harmless; here it is dropped too.
        stub.fail("POST", CREATE, new Drop(When.AFTER), 2);

        assertThat(payments.charge(request)).isInstanceOf(ChargeOutcome.Unknown.class);
        assertThat(stub.requests("POST", CREATE)).hasSizeBetween(1, 2).extracting(r -> r.header("Idempotency-Key"))
                .containsOnly(request.idempotencyKey().value());
        stub.clearFaults();

        reconciledOnce();
    }

    @Test
    void aConnectionDroppedOnceChargesOnceWhetherOrNotTheJdkResendsThePost() {
        stub.fail("POST", CREATE, new Drop(When.AFTER));

        assertThat(payments.charge(request)).isInstanceOfAny(ChargeOutcome.Succeeded.class,
                ChargeOutcome.Unknown.class);
        stub.clearFaults();

        reconciledOnce();
    }

    @Test
    void aFailedLookupIsUnknownAndCreatesNothing() {
        stub.fail("GET", CREATE, new Status(503, "api_error", null, When.BEFORE));

        assertThat(payments.charge(request)).isInstanceOf(ChargeOutcome.Unknown.class);
        assertThat(stub.requests("POST", CREATE)).isEmpty();

        reconciledOnce();
    }

    @Test
    void aStrayPaymentIntentAwaitingConfirmationUnderTheKeyIsConfirmedNotDuplicated() {
        stub.fail("POST", CREATE, new Status(500, "api_error", null, When.BEFORE));
        payments.charge(request);
        // A PaymentIntent under the key that was created but never confirmed (say by an earlier
        // version of the host, or an interrupted request).
        stub.seedUnconfirmed(customer.value(), card.value(), 5929, request);

        ChargeOutcome outcome = payments.charge(request);

        assertThat(outcome).isInstanceOf(ChargeOutcome.Succeeded.class);
        assertThat(stub.requests("POST", "/v1/payment_intents/.*/confirm")).singleElement()
                .satisfies(confirm -> {
                    assertThat(confirm.param("off_session")).isEqualTo("true");
                    assertThat(confirm.header("Idempotency-Key"))
                            .isEqualTo(request.idempotencyKey().value() + "-confirm");
                });
        assertThat(stub.paymentIntentsUnder(request.idempotencyKey().value())).hasSize(1);
    }

    @Test
    void aRejectedApiKeyIsAConfigurationErrorThatNeverQuotesTheKey() {
        stub.fail("GET", CREATE, new Status(401, "invalid_request_error", null, When.BEFORE));

        assertThatThrownBy(() -> payments.charge(request))
                .isInstanceOfSatisfying(StripeAdapterException.class, e -> {
                    assertThat(e.code()).isEqualTo(org.billingsdk.core.ErrorCode.PROVIDER_AUTHENTICATION);
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.requestId()).startsWith("req_");
                    assertThat(e.getMessage()).doesNotContain(TestAdapter.API_KEY);
                });
        assertThat(stub.requests("POST", CREATE)).isEmpty();
    }

    @Test
    void aKeyReusedWithOtherParametersIsAProgrammingErrorNotAnOutcome() {
        stub.fail("POST", CREATE, new Status(400, "idempotency_error", null, When.BEFORE));

        assertThatThrownBy(() -> payments.charge(request)).isInstanceOfSatisfying(StripeAdapterException.class,
                e -> assertThat(e.code()).isEqualTo(org.billingsdk.core.ErrorCode.PROVIDER_IDEMPOTENCY_CONFLICT));
    }
}
