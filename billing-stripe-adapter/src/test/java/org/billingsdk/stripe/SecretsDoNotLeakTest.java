package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.stripe.StripePaymentsTest.charge;
import static org.billingsdk.stripe.StripePaymentsTest.eur;
import static org.billingsdk.stripe.StripePaymentsTest.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.port.PaymentProvider.SetupStart;
import org.billingsdk.stripe.StripeStub.Drop;
import org.billingsdk.stripe.StripeStub.Hang;
import org.billingsdk.stripe.StripeStub.Malformed;
import org.billingsdk.stripe.StripeStub.Status;
import org.billingsdk.stripe.StripeStub.When;
import org.junit.jupiter.api.Test;

/**
 * The API key and the webhook secret are sent where they belong (the {@code Authorization}
 * header; the HMAC) and appear nowhere else: not in any log record of the adapter or of
 * stripe-java at any level, not in any exception message of the chain, not in any
 * {@code toString()}. Also: no card number or IBAN is ever sent by the adapter.
 */
class SecretsDoNotLeakTest {

    private final List<String> texts = new ArrayList<>();

    private void keep(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            texts.add(t.toString());
            texts.add(String.valueOf(t.getMessage()));
            if (t instanceof com.stripe.exception.StripeException stripe) {
                texts.add(String.valueOf(stripe.getUserMessage()));
            }
        }
    }

    private void attempt(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            keep(e);
        }
    }

    @Test
    void noSecretInLogsExceptionsOrToStringWhateverHappens() {
        FakeTime time = new FakeTime();
        try (LogCapture logs = LogCapture.start(); StripeStub stub = StripeStub.start()) {
            StripePayments.Builder builder = TestAdapter.on(stub, time, StripePaymentsTest.CLOCK);
            StripePayments payments = builder.build();
            StripePayments impatient = builder.readTimeout(Duration.ofMillis(300)).build();
            texts.add(builder.toString());
            texts.add(payments.toString());
            texts.add(payments.webhooks().toString());

            CustomerReference customer = payments.syncCustomer(profile(StripePaymentsTest.VAT_NUMBER_STRIPE_REFUSES),
                    Optional.empty());
            SetupStart start = payments.startSetup(customer, SetupKind.CARD, IdempotencyKey.of("setup-leak"));
            texts.add(start.toString());
            PaymentMethodReference card = PaymentMethodReference.of(
                    stub.confirmSetupWithCard(start.setupReference().value(), "visa", "4242", 12, 2030));
            payments.completeSetup(customer, start.setupReference());

            InvoiceId invoice = InvoiceId.random();
            List<StripeStub.Fault> faults = List.of(new Status(500, "api_error", null, When.BEFORE),
                    new Status(500, "api_error", null, When.AFTER), new Hang(When.AFTER), new Malformed(),
                    new Drop(When.BEFORE), new Status(401, "invalid_request_error", null, When.BEFORE),
                    new Status(403, "invalid_request_error", null, When.BEFORE),
                    new Status(400, "idempotency_error", null, When.BEFORE));
            int attempt = 0;
            for (StripeStub.Fault fault : faults) {
                attempt++;
                stub.fail("POST", "/v1/payment_intents", fault, 2);
                int number = attempt;
                StripePayments adapter = fault instanceof Hang ? impatient : payments;
                attempt(() -> texts.add(String.valueOf(
                        adapter.charge(charge(invoice, number, customer, card, eur("59.29"))))));
                stub.clearFaults();
            }
            stub.fail("POST", "/v1/payment_intents", new Status(429, "invalid_request_error", "rate_limit",
                    When.BEFORE), 10);
            ChargeOutcome limited = payments.charge(charge(invoice, 99, customer, card, eur("1.00")));
            texts.add(limited.toString());
            stub.clearFaults();
            stub.chargesOf(card.value(), StripeStub.ChargeBehaviour.DECLINE_GENERIC);
            texts.add(payments.charge(charge(invoice, 100, customer, card, eur("1.00"))).toString());

            for (String path : List.of("/v1/customers", "/v1/setup_intents")) {
                stub.fail("POST", path, new Status(401, "invalid_request_error", null, When.BEFORE));
            }
            attempt(() -> payments.syncCustomer(profile(null), Optional.empty()));
            attempt(() -> payments.startSetup(customer, SetupKind.SEPA_DEBIT, IdempotencyKey.of("setup-leak-2")));
            stub.fail("GET", "/v1/setup_intents/.*", new Drop(When.BEFORE), 2);
            attempt(() -> payments.completeSetup(customer, start.setupReference()));
            attempt(() -> payments.webhooks().handle("{\"id\":\"evt_x\",\"object\":\"event\"}", "t=1,v1=00"));
            attempt(() -> payments.webhooks().handle("{}", "t=1,v1=" + TestAdapter.WEBHOOK_SECRET));
            attempt(() -> payments.webhooks().handle("{}", StripeWebhooksTest.sign("{}", "whsec_" + "forger",
                    StripePaymentsTest.CLOCK.instant())));
            attempt(() -> payments.webhooks().handle("{}", StripeWebhooksTest.sign("{}",
                    TestAdapter.WEBHOOK_SECRET, StripePaymentsTest.CLOCK.instant().minusSeconds(3600))));
            attempt(() -> StripePayments.builder().apiKey(TestAdapter.API_KEY + " "));

            texts.add(logs.all());
            assertThat(logs.lines()).as("the scenario logged what it went through").hasSizeGreaterThan(5);
            assertThat(stub.requests()).as("the key was sent, as a bearer token, on every request")
                    .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TestAdapter.API_KEY));
            assertThat(stub.requests()).as("no card number or IBAN is sent")
                    .allSatisfy(r -> assertThat(r.params().keySet())
                            .noneMatch(name -> name.matches("(?i).*(number|iban|cvc|exp_month|exp_year).*")));
        }

        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text)
                .doesNotContain(TestAdapter.API_KEY)
                .doesNotContain(TestAdapter.API_KEY.substring(8))
                .doesNotContain(TestAdapter.WEBHOOK_SECRET)
                .doesNotContain(TestAdapter.WEBHOOK_SECRET.substring(6)));
    }

    @Test
    void redactionRemovesAnythingShapedLikeAStripeSecret() {
        assertThat(Secrets.redact("key sk_live_abc123 and rk_test_XYZ and whsec_q+/= and pi_1_secret_abc"))
                .isEqualTo("key *** and *** and *** and pi_1***");
        assertThat(Secrets.redact(null)).isNull();
    }
}
