package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.google.gson.JsonObject;
import com.stripe.Stripe;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Last4;
import org.billingsdk.core.payment.MandateReference;
import org.billingsdk.core.payment.MethodDetails;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupReference;
import org.billingsdk.core.port.PaymentProvider.ChargeRequest;
import org.billingsdk.core.port.PaymentProvider.CustomerProfile;
import org.billingsdk.core.port.PaymentProvider.SetupResult;
import org.billingsdk.core.port.PaymentProvider.SetupStart;
import org.billingsdk.stripe.StripeStub.ChargeBehaviour;
import org.billingsdk.stripe.StripeStub.Request;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The payment port on stripe-java against the local stub: every call's path, parameters and headers. */
class StripePaymentsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    static final CompanyId COMPANY = CompanyId.of("7f1d1d9e-3f5e-4c43-9a57-0b7c8e0c1a11");
    static final Address AMSTERDAM = new Address("Damrak 1", "Floor 2", "1012 LG", "Amsterdam", null, "NL");

    StripeStub stub;
    FakeTime time;
    StripePayments payments;
    int setups;

    @BeforeEach
    void start() {
        stub = StripeStub.start();
        time = new FakeTime();
        payments = TestAdapter.on(stub, time, CLOCK).build();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    /**
     * A VAT number the core accepts (an old Irish number, with its {@code +}) and the stub refuses as
     * Stripe refuses some numbers its own checks find out of form.
     */
    static final String VAT_NUMBER_STRIPE_REFUSES = "IE6+52888Q";

    static CustomerProfile profile(String vat) {
        return new CustomerProfile(COMPANY, "Acme B.V.", EmailAddress.of("billing@acme.example"), AMSTERDAM,
                vat == null ? null : VatNumber.of(vat));
    }

    /** A customer with a card set up through the adapter; answers the card's reference. */
    PaymentMethodReference customerWithCard(CustomerReference customer) {
        SetupStart start = payments.startSetup(customer, SetupKind.CARD, IdempotencyKey.of("setup-" + (++setups)));
        String card = stub.confirmSetupWithCard(start.setupReference().value(), "visa", "4242", 12, 2030);
        assertThat(payments.completeSetup(customer, start.setupReference())).isInstanceOf(SetupResult.Completed.class);
        return PaymentMethodReference.of(card);
    }

    static ChargeRequest charge(InvoiceId invoice, int attempt, CustomerReference customer,
            PaymentMethodReference method, Money amount) {
        return new ChargeRequest(invoice, attempt, IdempotencyKey.forAttempt(invoice, attempt), customer, method,
                amount, "Invoice 2026-000042");
    }

    static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), Monetary.getCurrency("EUR"));
    }

    static void assertStripeHeaders(Request request) {
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TestAdapter.API_KEY);
        assertThat(request.header("Stripe-Version")).isEqualTo(Stripe.API_VERSION);
    }

    @Nested
    class Customers {

        @Test
        void aNewCustomerIsCreatedWithNameEmailAddressTheCompanyIdAndItsVatNumberAsAnEuVatTaxId() {
            CustomerReference customer = payments.syncCustomer(profile("NL853746333B01"), Optional.empty());

            List<Request> calls = stub.requests();
            assertThat(calls).extracting(r -> r.method() + " " + r.path()).containsExactly(
                    "POST /v1/customers", "POST /v1/customers/" + customer + "/tax_ids");
            assertThat(calls.get(0).params()).containsOnly(
                    entry("address[city]", "Amsterdam"), entry("address[country]", "NL"),
                    entry("address[line1]", "Damrak 1"), entry("address[line2]", "Floor 2"),
                    entry("address[postal_code]", "1012 LG"), entry("email", "billing@acme.example"),
                    entry("metadata[billing_company_id]", COMPANY.toString()), entry("name", "Acme B.V."));
            assertThat(calls.get(0).header("Idempotency-Key"))
                    .isEqualTo(StripeCustomers.createKey(profile("NL853746333B01")))
                    .startsWith("customer-" + COMPANY + "-");
            assertThat(calls.get(1).params()).containsOnly(entry("type", "eu_vat"), entry("value", "NL853746333B01"));
            calls.forEach(StripePaymentsTest::assertStripeHeaders);
            assertThat(stub.customer(customer.value()).get("email").getAsString()).isEqualTo("billing@acme.example");
            assertThat(stub.taxIdsOf(customer.value())).singleElement()
                    .satisfies(tax -> assertThat(tax.get("value").getAsString()).isEqualTo("NL853746333B01"));
        }

        @Test
        void theCreateKeyOfAProfileIsTheOneEarlierVersionsSentForIt() {
            // Computed by the version whose profile carried the email as a String: a create asked again
            // after an upgrade, within Stripe's 24 hours, must send the same key.
            assertThat(StripeCustomers.createKey(profile("NL853746333B01")))
                    .isEqualTo("customer-" + COMPANY + "-4e14b2344c1864b6");
            assertThat(StripeCustomers.createKey(new CustomerProfile(COMPANY, "Acme B.V.",
                    EmailAddress.of("\"Jane Doe\"@acme.example"), null, null)))
                    .isEqualTo("customer-" + COMPANY + "-e10428a5e589dd09");
        }

        @Test
        void creatingTheSameProfileAgainAfterALostAnswerMakesNoSecondCustomer() {
            stub.fail("POST", "/v1/customers", new StripeStub.Drop(StripeStub.When.AFTER), 2);

            assertThatThrownBy(() -> payments.syncCustomer(profile(null), Optional.empty()))
                    .isInstanceOf(StripeAdapterException.class)
                    .satisfies(e -> assertThat(((StripeAdapterException) e).code())
                            .isEqualTo(org.billingsdk.core.ErrorCode.PROVIDER_UNREACHABLE));
            CustomerReference customer = payments.syncCustomer(profile(null), Optional.empty());

            assertThat(stub.requests("POST", "/v1/customers")).extracting(r -> r.header("Idempotency-Key"))
                    .hasSizeGreaterThanOrEqualTo(2).containsOnly(StripeCustomers.createKey(profile(null)));
            assertThat(stub.customer(customer.value())).isNotNull();
            assertThat(stub.customerCount()).isEqualTo(1);
        }

        @Test
        void anExistingCustomerIsUpdatedAndItsVatTaxIdReplaced() {
            CustomerReference customer = payments.syncCustomer(profile("NL853746333B01"), Optional.empty());
            String oldTaxId = stub.taxIdsOf(customer.value()).get(0).get("id").getAsString();
            stub.clearRequests();

            CustomerReference same = payments.syncCustomer(new CustomerProfile(COMPANY, "Acme Holding B.V.",
                    EmailAddress.of("ap@acme.example"), Address.of("Herengracht 1", "1015 BA", "Amsterdam", "NL"),
                    VatNumber.of("DE136695976")),
                    Optional.of(customer));

            assertThat(same).isEqualTo(customer);
            List<Request> calls = stub.requests();
            assertThat(calls).extracting(r -> r.method() + " " + r.path()).containsExactly(
                    "POST /v1/customers/" + customer,
                    "GET /v1/customers/" + customer + "/tax_ids",
                    "DELETE /v1/customers/" + customer + "/tax_ids/" + oldTaxId,
                    "POST /v1/customers/" + customer + "/tax_ids");
            assertThat(calls.get(0).params()).contains(entry("name", "Acme Holding B.V."),
                    entry("email", "ap@acme.example"), entry("address[line1]", "Herengracht 1"),
                    entry("address[line2]", ""), entry("address[state]", ""));
            assertThat(calls.get(1).params()).containsOnly(entry("limit", "100"));
            assertThat(stub.taxIdsOf(customer.value())).extracting(tax -> tax.get("value").getAsString())
                    .containsExactly("DE136695976");
            assertThat(stub.customer(customer.value()).getAsJsonObject("address").get("line2").isJsonNull())
                    .isTrue();
        }

        @Test
        void anUnchangedVatNumberIsLeftAloneAndARemovedOneIsDeleted() {
            CustomerReference customer = payments.syncCustomer(profile("NL853746333B01"), Optional.empty());
            stub.clearRequests();
            payments.syncCustomer(profile("NL853746333B01"), Optional.of(customer));
            assertThat(stub.requests()).extracting(r -> r.method()).containsExactly("POST", "GET");

            payments.syncCustomer(new CustomerProfile(COMPANY, "Acme B.V.", EmailAddress.of("billing@acme.example"),
                    null, null),
                    Optional.of(customer));

            assertThat(stub.taxIdsOf(customer.value())).isEmpty();
            assertThat(stub.requests("POST", "/v1/customers/" + customer).get(1).params())
                    .contains(entry("address", ""));
        }

        @Test
        void aTaxIdAConcurrentSyncDeletedFirstLeavesTheCustomerAndItsPaymentMethodsInPlace() {
            CustomerReference customer = payments.syncCustomer(profile("NL853746333B01"), Optional.empty());
            PaymentMethodReference card = customerWithCard(customer);
            // Another node synced the same company at the same time, listed the tax id too and deleted it first.
            stub.fail("DELETE", "/v1/customers/.*/tax_ids/.*", new StripeStub.Status(404, "invalid_request_error",
                    "resource_missing", StripeStub.When.BEFORE));

            CustomerReference same = payments.syncCustomer(new CustomerProfile(COMPANY, "Acme B.V.",
                    EmailAddress.of("billing@acme.example"), Address.of("Herengracht 1", "1015 BA", "Amsterdam", "NL"),
                    null),
                    Optional.of(customer));

            assertThat(same).isEqualTo(customer);
            assertThat(stub.customerCount()).isEqualTo(1);
            assertThat(payments.charge(charge(InvoiceId.random(), 1, same, card, eur("10.00"))))
                    .isInstanceOf(ChargeOutcome.Succeeded.class);
        }

        @Test
        void aCustomerStripeNoLongerHasIsCreatedAgain() {
            CustomerReference customer = payments.syncCustomer(profile(null),
                    Optional.of(CustomerReference.of("cus_deletedLongAgo")));

            assertThat(customer).isNotEqualTo(CustomerReference.of("cus_deletedLongAgo"));
            assertThat(stub.customer(customer.value())).isNotNull();
        }

        @Test
        void aVatNumberStripeRefusesIsLeftOutWithAWarningAndTheCustomerStaysUsable() {
            try (LogCapture logs = LogCapture.start()) {
                CustomerReference customer = payments.syncCustomer(profile(VAT_NUMBER_STRIPE_REFUSES),
                        Optional.empty());

                assertThat(stub.customer(customer.value())).isNotNull();
                assertThat(stub.taxIdsOf(customer.value())).isEmpty();
                assertThat(logs.all()).contains("Stripe refused the VAT number of customer " + customer)
                        .contains("tax_id_invalid");
            }
        }
    }

    @Nested
    class SetUps {

        CustomerReference customer;

        @BeforeEach
        void customer() {
            customer = payments.syncCustomer(profile(null), Optional.empty());
            stub.clearRequests();
        }

        @Test
        void aCardIsSetUpWithAnOffSessionSetupIntentUnderTheCoresIdempotencyKey() {
            SetupStart start = payments.startSetup(customer, SetupKind.CARD, IdempotencyKey.of("setup-9a7e"));

            Request create = stub.requests().get(0);
            assertThat(create.method() + " " + create.path()).isEqualTo("POST /v1/setup_intents");
            assertThat(create.params()).containsOnly(entry("customer", customer.value()),
                    entry("payment_method_types[0]", "card"), entry("usage", "off_session"),
                    entry("metadata[billing_setup_key]", "setup-9a7e"));
            assertThat(create.header("Idempotency-Key")).isEqualTo("setup-9a7e");
            assertStripeHeaders(create);
            assertThat(start.setupReference().value()).startsWith("seti_");
            assertThat(start.clientSecret().value()).startsWith(start.setupReference().value() + "_secret_");
            assertThat(start.redirectUrl()).isNull();
            assertThat(start.toString()).doesNotContain(start.clientSecret().value()).contains("clientSecret=***");

            assertThat(payments.completeSetup(customer, start.setupReference()))
                    .isEqualTo(new SetupResult.Incomplete("requires_payment_method"));

            String card = stub.confirmSetupWithCard(start.setupReference().value(), "mastercard", "4444", 3, 2031);
            SetupResult result = payments.completeSetup(customer, start.setupReference());

            assertThat(result).isEqualTo(new SetupResult.Completed(PaymentMethodReference.of(card),
                    new MethodDetails.Card("mastercard", Last4.of("4444"), 3, 2031)));
            Request retrieve = stub.requests("GET", "/v1/setup_intents/.*").get(1);
            assertThat(retrieve.path()).isEqualTo("/v1/setup_intents/" + start.setupReference().value());
            assertThat(retrieve.params()).containsOnly(entry("expand[0]", "payment_method"),
                    entry("expand[1]", "latest_attempt"));
        }

        @Test
        void aSepaDebitSetUpYieldsTheMethodWithItsMandateReference() {
            SetupStart start = payments.startSetup(customer, SetupKind.SEPA_DEBIT, IdempotencyKey.of("setup-sepa"));
            String method = stub.confirmSetupWithSepa(start.setupReference().value(), "37040044", "3000",
                    "STUB-MANDATE-1");

            SetupResult result = payments.completeSetup(customer, start.setupReference());

            assertThat(stub.requests("POST", "/v1/setup_intents").get(0).params())
                    .contains(entry("payment_method_types[0]", "sepa_debit"));
            assertThat(result).isEqualTo(new SetupResult.Completed(PaymentMethodReference.of(method),
                    new MethodDetails.SepaDebit("37040044", Last4.of("3000"), MandateReference.of("STUB-MANDATE-1"),
                    false)));
            assertThat(stub.requests("GET", "/v1/mandates/.*")).hasSize(1);
        }

        @Test
        void anIdealSetUpYieldsTheGeneratedReusableSepaDebitMethodAndItsMandate() {
            SetupStart start = payments.startSetup(customer, SetupKind.SEPA_VIA_IDEAL,
                    IdempotencyKey.of("setup-ideal"));
            String generated = stub.confirmSetupWithIdeal(start.setupReference().value(), "ing", "5264",
                    "IDEAL-MANDATE-7");

            SetupResult result = payments.completeSetup(customer, start.setupReference());

            assertThat(stub.requests("POST", "/v1/setup_intents").get(0).params())
                    .contains(entry("payment_method_types[0]", "ideal"), entry("usage", "off_session"));
            assertThat(result).isEqualTo(new SetupResult.Completed(PaymentMethodReference.of(generated),
                    new MethodDetails.SepaDebit("ING", Last4.of("5264"), MandateReference.of("IDEAL-MANDATE-7"),
                    true)));
            assertThat(stub.paymentMethod(generated).get("type").getAsString()).isEqualTo("sepa_debit");
            assertThat(stub.paymentMethod(generated).get("customer").getAsString()).isEqualTo(customer.value());
        }

        @Test
        void aRefusedSetUpFailsWithStripesReason() {
            SetupStart start = payments.startSetup(customer, SetupKind.CARD, IdempotencyKey.of("setup-refused"));
            stub.failSetup(start.setupReference().value(), "card_declined", "Your card was declined.");

            assertThat(payments.completeSetup(customer, start.setupReference()))
                    .isEqualTo(new SetupResult.Failed("Your card was declined."));
        }

        @Test
        void aSetUpOfAnotherCustomerOrUnknownToStripeFails() {
            SetupStart start = payments.startSetup(customer, SetupKind.CARD, IdempotencyKey.of("setup-other"));
            stub.confirmSetupWithCard(start.setupReference().value(), "visa", "4242", 12, 2030);

            assertThat(payments.completeSetup(CustomerReference.of("cus_someoneElse"), start.setupReference()))
                    .isInstanceOf(SetupResult.Failed.class);
            assertThat(payments.completeSetup(customer, SetupReference.of("seti_unknown")))
                    .isInstanceOf(SetupResult.Failed.class);
        }
    }

    @Nested
    class Methods {

        CustomerReference customer;
        PaymentMethodReference first;
        PaymentMethodReference second;

        @BeforeEach
        void twoCards() {
            customer = payments.syncCustomer(profile(null), Optional.empty());
            first = customerWithCard(customer);
            second = customerWithCard(customer);
            stub.clearRequests();
        }

        @Test
        void theDefaultIsTheCustomersInvoiceSettingsDefaultPaymentMethod() {
            payments.makeDefault(customer, first);

            Request update = stub.requests().get(0);
            assertThat(update.method() + " " + update.path()).isEqualTo("POST /v1/customers/" + customer);
            assertThat(update.params()).containsOnly(entry("invoice_settings[default_payment_method]", first.value()));
            assertThat(payments.paymentMethods(customer)).containsExactly(
                    new StripePayments.AttachedMethod(second, "card", Last4.of("4242"), false),
                    new StripePayments.AttachedMethod(first, "card", Last4.of("4242"), true));
        }

        @Test
        void detachingDetachesAndDetachingAgainOrAnUnknownMethodIsHarmless() {
            payments.detach(first);
            payments.detach(first);
            payments.detach(PaymentMethodReference.of("pm_unknownToStripe"));

            assertThat(stub.requests("POST", "/v1/payment_methods/.*/detach")).hasSize(3);
            assertThat(stub.paymentMethod(first.value()).get("customer").isJsonNull()).isTrue();
            assertThat(payments.paymentMethods(customer)).extracting(StripePayments.AttachedMethod::reference)
                    .containsExactly(second);
        }
    }

    @Nested
    class Charges {

        CustomerReference customer;
        PaymentMethodReference card;
        InvoiceId invoice = InvoiceId.of("0b9f2a8e-5a55-4f39-8f0e-2f3a1c4d5e6f");

        @BeforeEach
        void aCustomerWithACard() {
            customer = payments.syncCustomer(profile(null), Optional.empty());
            card = customerWithCard(customer);
            stub.clearRequests();
        }

        @Test
        void aChargeIsAnOffSessionConfirmedPaymentIntentUnderTheAttemptsKeyWithTheInvoiceInItsMetadata() {
            ChargeRequest request = charge(invoice, 1, customer, card, eur("59.29"));

            ChargeOutcome outcome = payments.charge(request);

            List<Request> calls = stub.requests();
            assertThat(calls).extracting(r -> r.method() + " " + r.path())
                    .containsExactly("GET /v1/payment_intents", "POST /v1/payment_intents");
            assertThat(calls.get(0).params()).containsOnly(entry("customer", customer.value()), entry("limit", "100"));
            assertThat(calls.get(1).params()).containsOnly(
                    entry("amount", "5929"),
                    entry("automatic_payment_methods[allow_redirects]", "never"),
                    entry("automatic_payment_methods[enabled]", "true"),
                    entry("confirm", "true"),
                    entry("currency", "eur"),
                    entry("customer", customer.value()),
                    entry("description", "Invoice 2026-000042"),
                    entry("metadata[billing_attempt]", "1"),
                    entry("metadata[billing_idempotency_key]", request.idempotencyKey().value()),
                    entry("metadata[billing_invoice_id]", invoice.toString()),
                    entry("off_session", "true"),
                    entry("payment_method", card.value()));
            assertThat(calls.get(1).header("Idempotency-Key")).isEqualTo(request.idempotencyKey().value())
                    .isEqualTo("invoice-" + invoice + "-attempt-1");
            calls.forEach(StripePaymentsTest::assertStripeHeaders);
            JsonObject intent = stub.paymentIntentsUnder(request.idempotencyKey().value()).get(0);
            assertThat(outcome)
                    .isEqualTo(new ChargeOutcome.Succeeded(ChargeReference.of(intent.get("id").getAsString())));
            assertThat(stub.capturedFor(invoice.toString())).isEqualTo(5929);
        }

        @Test
        void askingAgainUnderTheSameKeyAnswersTheSameChargeAndChargesNothingMore() {
            ChargeOutcome first = payments.charge(charge(invoice, 1, customer, card, eur("59.29")));
            ChargeOutcome again = payments.charge(charge(invoice, 1, customer, card, eur("59.29")));

            assertThat(again).isEqualTo(first);
            assertThat(stub.requests("POST", "/v1/payment_intents")).hasSize(1);
            assertThat(stub.capturedFor(invoice.toString())).isEqualTo(5929);
        }

        @Test
        void aSepaDebitIsPendingUntilSettledAndAskingAgainDaysLaterAnswersTheSettledStateWithoutChargingAgain() {
            SetupStart start = payments.startSetup(customer, SetupKind.SEPA_DEBIT, IdempotencyKey.of("setup-sepa"));
            PaymentMethodReference sepa = PaymentMethodReference.of(
                    stub.confirmSetupWithSepa(start.setupReference().value(), "37040044", "3000", "M-1"));
            ChargeRequest request = charge(invoice, 1, customer, sepa, eur("59.29"));

            ChargeOutcome pending = payments.charge(request);
            assertThat(pending).isInstanceOf(ChargeOutcome.Pending.class);
            ChargeReference intent = ((ChargeOutcome.Pending) pending).providerReference();
            assertThat(payments.charge(request)).isEqualTo(pending);

            stub.settle(intent.value(), true);
            stub.forgetIdempotencyKeys(); // days later: Stripe has forgotten the key
            assertThat(payments.charge(request)).isEqualTo(new ChargeOutcome.Succeeded(intent));

            assertThat(stub.paymentIntentsUnder(request.idempotencyKey().value())).hasSize(1);
            assertThat(stub.requests("POST", "/v1/payment_intents")).hasSize(1);
        }

        @Test
        void aReturnedSepaDebitIsDeclinedWithTheReturnReason() {
            SetupStart start = payments.startSetup(customer, SetupKind.SEPA_DEBIT, IdempotencyKey.of("setup-sepa-2"));
            PaymentMethodReference sepa = PaymentMethodReference.of(
                    stub.confirmSetupWithSepa(start.setupReference().value(), "37040044", "3000", "M-2"));
            ChargeRequest request = charge(invoice, 1, customer, sepa, eur("59.29"));
            ChargeReference intent = ((ChargeOutcome.Pending) payments.charge(request)).providerReference();

            stub.settle(intent.value(), false);

            assertThat(payments.charge(request)).isEqualTo(new ChargeOutcome.Declined(intent,
                    DeclineCode.of("insufficient_funds"),
                    "The direct debit was returned: insufficient funds."));
        }

        @Test
        void aCardDeclineIsDeclinedWithTheDeclineCodeAndThePaymentIntent() {
            stub.chargesOf(card.value(), ChargeBehaviour.DECLINE_INSUFFICIENT_FUNDS);
            ChargeRequest request = charge(invoice, 1, customer, card, eur("59.29"));

            ChargeOutcome outcome = payments.charge(request);

            ChargeReference intent = ChargeReference.of(
                    stub.paymentIntentsUnder(request.idempotencyKey().value()).get(0).get("id").getAsString());
            assertThat(outcome).isEqualTo(new ChargeOutcome.Declined(intent, DeclineCode.of("insufficient_funds"),
                    "Your card has insufficient funds."));
            assertThat(payments.charge(request)).as("the decline is final under its key").isEqualTo(outcome);
            assertThat(stub.capturedFor(invoice.toString())).isZero();
        }

        @Test
        void aChargeNeedingAuthenticationIsDeclinedAsAuthenticationRequired() {
            stub.chargesOf(card.value(), ChargeBehaviour.AUTHENTICATION_REQUIRED);

            ChargeOutcome outcome = payments.charge(charge(invoice, 1, customer, card, eur("59.29")));

            assertThat(outcome).isInstanceOfSatisfying(ChargeOutcome.Declined.class,
                    declined -> assertThat(declined.code()).isEqualTo(DeclineCode.of("authentication_required")));
        }

        @Test
        void aDetachedMethodIsDeclinedNotThrown() {
            payments.detach(card);

            ChargeOutcome outcome = payments.charge(charge(invoice, 1, customer, card, eur("59.29")));

            assertThat(outcome).isInstanceOfSatisfying(ChargeOutcome.Declined.class, declined -> {
                assertThat(declined.code()).isEqualTo(DeclineCode.of("resource_missing"));
                assertThat(declined.providerReference()).isNull();
            });
        }

        @Test
        void amountsAreSentInStripesMinorUnitsForZeroAndThreeDecimalCurrencies() {
            payments.charge(charge(invoice, 1, customer, card, Money.of(4900, "JPY")));
            payments.charge(charge(invoice, 2, customer, card, Money.of(new BigDecimal("12.340"), "BHD")));

            assertThat(stub.requests("POST", "/v1/payment_intents")).extracting(r -> r.param("amount") + " "
                    + r.param("currency")).containsExactly("4900 jpy", "12340 bhd");
        }

        @Test
        void anAmountThatIsNotExactInMinorUnitsIsRefusedBeforeAnythingIsSent() {
            assertThatThrownBy(() -> payments.charge(charge(invoice, 1, customer, card, eur("10.005"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never rounded");
            assertThat(stub.requests()).isEmpty();
        }

        @Test
        void theSameKeyWithAnotherAmountIsAProgrammingErrorNotACharge() {
            payments.charge(charge(invoice, 1, customer, card, eur("59.29")));

            assertThatThrownBy(() -> payments.charge(charge(invoice, 1, customer, card, eur("60.00"))))
                    .isInstanceOf(StripeAdapterException.class)
                    .satisfies(e -> assertThat(((StripeAdapterException) e).code())
                            .isEqualTo(org.billingsdk.core.ErrorCode.PROVIDER_UNEXPECTED));
            assertThat(stub.requests("POST", "/v1/payment_intents")).hasSize(1);
        }

        @Test
        void theLookupPagesThroughTheCustomersPaymentIntents() {
            stub.seedPaymentIntents(customer.value(), card.value(), 3);
            ChargeRequest request = charge(invoice, 1, customer, card, eur("2.00"));
            ChargeOutcome first = payments.charge(request);
            stub.seedPaymentIntents(customer.value(), card.value(), 150);
            stub.clearRequests();
            stub.forgetIdempotencyKeys();

            assertThat(payments.charge(request)).isEqualTo(first);
            assertThat(stub.requests()).extracting(r -> r.method() + " " + r.path() + " " + r.param("starting_after"))
                    .hasSize(2).allMatch(line -> line.startsWith("GET /v1/payment_intents"));
        }
    }

    @Test
    void theBuilderRefusesAPublishableKeyWithoutQuotingIt() {
        assertThatThrownBy(() -> StripePayments.builder().apiKey("pk_test_publishableKey123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pk_test_publishableKey123");
        assertThatThrownBy(() -> StripePayments.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StripePayments.builder().apiKey(TestAdapter.API_KEY).build().webhooks())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyCallCarriesTheKeyAsBearerAndStripesApiVersion() {
        CustomerReference customer = payments.syncCustomer(profile("NL853746333B01"), Optional.empty());
        customerWithCard(customer);

        assertThat(stub.requests()).isNotEmpty().allSatisfy(StripePaymentsTest::assertStripeHeaders);
        assertThat(stub.requests()).filteredOn(r -> !r.method().equals("GET"))
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isNotBlank());
        assertThat(Stripe.API_VERSION).as("the version stripe-java 33.3.0 pins").isEqualTo("2026-07-29.dahlia");
    }
}
