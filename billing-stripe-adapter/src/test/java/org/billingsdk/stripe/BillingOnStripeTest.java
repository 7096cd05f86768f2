package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.credit.Refund;
import org.billingsdk.core.credit.RefundStatus;
import org.billingsdk.core.event.PaymentPending;
import org.billingsdk.core.event.PaymentRefundPending;
import org.billingsdk.core.event.PaymentRefunded;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Last4;
import org.billingsdk.core.payment.MandateReference;
import org.billingsdk.core.payment.MethodDetails;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupOutcome;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.MutableClock;
import org.billingsdk.stripe.StripeStub.ChargeBehaviour;
import org.billingsdk.stripe.StripeStub.Status;
import org.billingsdk.stripe.StripeStub.When;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * billing-core's payment behaviour end to end on the adapter and the stub: set-up, subscription,
 * invoice charged once; an unknown outcome reconciled by the billing run under the same key; SEPA
 * settling later; a decline retried under the next attempt's key; a refund under way ended by its
 * webhook.
 */
class BillingOnStripeTest {

    StripeStub stub;
    FakeTime time;
    /** The clock the adapter checks webhook timestamps on; Stripe signs on its own. */
    MutableClock webhookClock = MutableClock.at(BillingFixture.START);
    StripePayments payments;
    BillingFixture fixture;
    Company acme;
    Actor alice;

    @BeforeEach
    void start() {
        stub = StripeStub.start();
        time = new FakeTime();
        payments = TestAdapter.on(stub, time, webhookClock).build();
        fixture = BillingFixture.builder().payments(simulated -> payments).build();
        acme = fixture.billing.accounts().register(NewCompany.of("Acme", "acme@example.com")
                .withBillingDetails(BillingDetails.builder()
                        .billingAddress(Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL"))
                        .build()));
        alice = actor(acme);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private PaymentMethod addCard() {
        SetupSession setup = fixture.billing.paymentMethods().startSetup(alice, acme.id(), SetupKind.CARD);
        stub.confirmSetupWithCard(setup.providerReference().value(), "visa", "4242", 12, 2030);
        return ((SetupOutcome.Added) fixture.billing.paymentMethods().completeSetup(alice, acme.id(), setup.id()))
                .method();
    }

    private Invoice onlyInvoice() {
        List<Invoice> invoices = fixture.storage.invoices().findByCompanies(List.of(acme.id()), null, 100);
        assertThat(invoices).hasSize(1);
        return invoices.get(0);
    }

    private Invoice stored(Invoice invoice) {
        return fixture.storage.invoices().findById(invoice.id()).orElseThrow();
    }

    private Payment attempt(Invoice invoice, int attempt) {
        return fixture.storage.payments().findByIdempotencyKey(IdempotencyKey.forAttempt(invoice.id(), attempt))
                .orElseThrow();
    }

    private void runAt(Instant at) {
        fixture.clock.set(at);
        fixture.billing.run(at);
    }

    @Test
    void theSetUpWebhookNamesTheCoresSetUp() {
        SetupSession setup = fixture.billing.paymentMethods().startSetup(alice, acme.id(), SetupKind.CARD);
        stub.confirmSetupWithCard(setup.providerReference().value(), "visa", "4242", 12, 2030);
        String payload = StripeWebhooksTest.event("evt_setup", "setup_intent.succeeded",
                stub.setupIntent(setup.providerReference().value()));

        WebhookOutcome outcome = payments.webhooks().handle(payload,
                StripeWebhooksTest.sign(payload, TestAdapter.WEBHOOK_SECRET, webhookClock.instant()));

        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.SetupSucceeded.class, succeeded -> {
            assertThat(succeeded.setupReference()).isEqualTo(setup.providerReference());
            assertThat(succeeded.setupKey()).isEqualTo(IdempotencyKey.of("setup-" + setup.id()));
            assertThat(succeeded.setupId()).contains(setup.id());
        });
    }

    @Test
    void aCardSetUpThenASubscriptionIsInvoicedAndChargedOnceAtStripe() {
        PaymentMethod card = addCard();
        assertThat(card.details()).isEqualTo(new MethodDetails.Card("visa", Last4.of("4242"), 12, 2030));
        assertThat(card.providerReference().value()).startsWith("pm_");

        fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.monthly.id());

        Invoice invoice = stored(onlyInvoice());
        assertThat(invoice.state()).isEqualTo(InvoiceState.PAID);
        String key = IdempotencyKey.forAttempt(invoice.id(), 1).value();
        assertThat(stub.paymentIntentsUnder(key)).singleElement().satisfies(intent -> {
            assertThat(intent.get("amount").getAsLong()).isEqualTo(5929);
            assertThat(intent.get("currency").getAsString()).isEqualTo("eur");
            assertThat(intent.get("payment_method").getAsString()).isEqualTo(card.providerReference().value());
            assertThat(intent.get("description").getAsString()).isEqualTo("Invoice " + invoice.number());
        });
        assertThat(stub.capturedFor(invoice.id().toString())).isEqualTo(5929);
        assertThat(attempt(invoice, 1).providerReference())
                .isEqualTo(ChargeReference.of(stub.paymentIntentsUnder(key).get(0).get("id").getAsString()));
        JsonObject customer = stub.customer(stub.paymentIntentsUnder(key).get(0).get("customer").getAsString());
        assertThat(customer.get("name").getAsString()).isEqualTo("Acme");
        assertThat(customer.getAsJsonObject("metadata").get("billing_company_id").getAsString())
                .isEqualTo(acme.id().toString());
        assertThat(stub.customerCount()).isEqualTo(1);
    }

    @Test
    void aServerErrorOnTheChargeIsUnknownAndTheNextRunReconcilesUnderTheSameKeyChargingOnce() {
        addCard();
        stub.fail("POST", "/v1/payment_intents", new Status(500, "api_error", null, When.BEFORE));

        Subscription subscription = fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.monthly.id());

        Invoice invoice = onlyInvoice();
        assertThat(invoice.state()).isEqualTo(InvoiceState.OPEN);
        assertThat(attempt(invoice, 1).status()).isEqualTo(PaymentStatus.UNKNOWN);
        assertThat(stub.capturedFor(invoice.id().toString())).isZero();
        assertThat(fixture.storage.subscriptions().findById(subscription.id()).orElseThrow().state())
                .isEqualTo(SubscriptionState.ACTIVE);

        runAt(invoice.issuedAt().plus(Duration.ofHours(1)));

        assertThat(stored(invoice).state()).isEqualTo(InvoiceState.PAID);
        assertThat(attempt(invoice, 1).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(stub.capturedFor(invoice.id().toString())).isEqualTo(5929);
        String key = IdempotencyKey.forAttempt(invoice.id(), 1).value();
        assertThat(stub.paymentIntentsUnder(key)).hasSize(1);
        assertThat(stub.requests("POST", "/v1/payment_intents")).hasSize(2)
                .extracting(r -> r.header("Idempotency-Key")).containsOnly(key);
        assertThat(fixture.storage.payments().findByInvoices(List.of(invoice.id()))).hasSize(1);
    }

    @Test
    void aLostAnswerAfterTheChargeIsReconciledFromStripesRecordWithoutChargingAgain() {
        addCard();
        stub.fail("POST", "/v1/payment_intents", new Status(502, "api_error", null, When.AFTER));

        fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.monthly.id());
        Invoice invoice = onlyInvoice();
        assertThat(attempt(invoice, 1).status()).isEqualTo(PaymentStatus.UNKNOWN);

        stub.forgetIdempotencyKeys(); // even once Stripe no longer keeps the key
        runAt(invoice.issuedAt().plus(Duration.ofHours(1)));

        assertThat(stored(invoice).state()).isEqualTo(InvoiceState.PAID);
        assertThat(stub.capturedFor(invoice.id().toString())).isEqualTo(5929);
        assertThat(stub.requests("POST", "/v1/payment_intents")).hasSize(1);
    }

    @Test
    void aSepaDebitIsPendingUntilTheBankSettlesAndTheWebhookAndTheRunAgreeOnTheKey() {
        addCard();
        SetupSession setup = fixture.billing.paymentMethods().startSetup(alice, acme.id(), SetupKind.SEPA_VIA_IDEAL);
        stub.confirmSetupWithIdeal(setup.providerReference().value(), "rabobank", "5264", "IDEAL-M-1");
        PaymentMethod sepa = ((SetupOutcome.Added) fixture.billing.paymentMethods()
                .completeSetup(alice, acme.id(), setup.id())).method();
        assertThat(sepa.details()).isEqualTo(new MethodDetails.SepaDebit("RABOBANK", Last4.of("5264"),
                MandateReference.of("IDEAL-M-1"), true));
        fixture.billing.paymentMethods().makeDefault(alice, acme.id(), sepa.id());
        CustomerReference customer = CustomerReference.of(
                stub.paymentMethod(sepa.providerReference().value()).get("customer").getAsString());
        assertThat(payments.paymentMethods(customer))
                .filteredOn(StripePayments.AttachedMethod::isDefault)
                .extracting(StripePayments.AttachedMethod::reference).containsExactly(sepa.providerReference());

        fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.monthly.id());
        Invoice invoice = onlyInvoice();
        Payment pending = attempt(invoice, 1);
        assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(fixture.events.eventsOf(PaymentPending.class)).hasSize(1);

        JsonObject settled = stub.settle(pending.providerReference().value(), true);
        String payload = StripeWebhooksTest.event("evt_sepa", "payment_intent.succeeded", settled);
        WebhookOutcome outcome = payments.webhooks().handle(payload,
                StripeWebhooksTest.sign(payload, TestAdapter.WEBHOOK_SECRET, webhookClock.instant()));
        assertThat(outcome).isEqualTo(new WebhookOutcome.PaymentOutcome(EventId.of("evt_sepa"),
                pending.idempotencyKey(), invoice.id(), 1, new ChargeOutcome.Succeeded(pending.providerReference())));

        runAt(fixture.clock.instant().plus(Duration.ofDays(1)));

        assertThat(stored(invoice).state()).isEqualTo(InvoiceState.PAID);
        assertThat(stub.capturedFor(invoice.id().toString())).isEqualTo(5929);
        assertThat(stub.requests("POST", "/v1/payment_intents")).hasSize(1);
    }

    @Test
    void aDeclineMakesTheSubscriptionPastDueAndTheRetryUsesTheNextAttemptsKey() {
        PaymentMethod card = addCard();
        stub.chargesOf(card.providerReference().value(), ChargeBehaviour.DECLINE_INSUFFICIENT_FUNDS);

        Subscription subscription = fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.monthly.id());
        Invoice invoice = onlyInvoice();
        assertThat(attempt(invoice, 1).status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(attempt(invoice, 1).failureCode()).isEqualTo(DeclineCode.of("insufficient_funds"));
        assertThat(fixture.storage.subscriptions().findById(subscription.id()).orElseThrow().state())
                .isEqualTo(SubscriptionState.PAST_DUE);

        stub.chargesOf(card.providerReference().value(), ChargeBehaviour.SUCCEED);
        runAt(invoice.issuedAt().plus(Duration.ofDays(3)));

        assertThat(stored(invoice).state()).isEqualTo(InvoiceState.PAID);
        assertThat(attempt(invoice, 2).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(stub.requests("POST", "/v1/payment_intents")).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly(IdempotencyKey.forAttempt(invoice.id(), 1).value(),
                        IdempotencyKey.forAttempt(invoice.id(), 2).value());
        assertThat(stub.capturedFor(invoice.id().toString())).isEqualTo(5929);
        assertThat(fixture.storage.subscriptions().findById(subscription.id()).orElseThrow().state())
                .isEqualTo(SubscriptionState.ACTIVE);
    }

    @Test
    void aPendingRefundIsRefundPendingUntilItsSignedRefundUpdatedWebhookRecordsItRefundedOnce() {
        addCard();
        fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.monthly.id());
        Invoice invoice = stored(onlyInvoice());
        assertThat(invoice.state()).isEqualTo(InvoiceState.PAID);
        Payment paid = attempt(invoice, 1);
        // The bank takes days over this refund, as over a SEPA Direct Debit one.
        stub.refundsOf(paid.providerReference().value(), "pending", null);

        Payment refunding = fixture.billing.invoices().refund(invoice.id());

        List<JsonObject> made = stub.refundsOfCharge(paid.idempotencyKey().value());
        assertThat(made).singleElement().satisfies(refund -> {
            assertThat(refund.get("status").getAsString()).isEqualTo("pending");
            assertThat(refund.get("amount").getAsLong()).isEqualTo(5929);
            assertThat(refund.get("payment_intent").getAsString()).isEqualTo(paid.providerReference().value());
            assertThat(refund.getAsJsonObject("metadata").get(StripeCharges.REFUND_KEY_METADATA).getAsString())
                    .isEqualTo(paid.refundKey().value());
        });
        RefundReference reference = RefundReference.of(made.get(0).get("id").getAsString());
        assertThat(refunding.status()).isEqualTo(PaymentStatus.REFUND_PENDING);
        assertThat(refunding.refundReference()).isEqualTo(reference);
        assertThat(attempt(invoice, 1).status()).isEqualTo(PaymentStatus.REFUND_PENDING);
        assertThat(fixture.events.eventsOf(PaymentRefundPending.class)).singleElement()
                .satisfies(pending -> assertThat(pending.refundReference()).isEqualTo(reference));
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).isEmpty();

        String payload = StripeWebhooksTest.event("evt_refund", "refund.updated",
                stub.updateRefund(reference.value(), "succeeded", null));
        String signature = StripeWebhooksTest.sign(payload, TestAdapter.WEBHOOK_SECRET, webhookClock.instant());
        WebhookOutcome outcome = payments.webhooks().handle(payload, signature);
        assertThat(outcome).isEqualTo(new WebhookOutcome.RefundUpdated(EventId.of("evt_refund"), paid.idempotencyKey(),
                paid.refundKey(), invoice.id(), new RefundOutcome.Succeeded(reference)));
        WebhookOutcome.RefundUpdated update = (WebhookOutcome.RefundUpdated) outcome;
        PaymentStatus recorded = fixture.billing.payments().recordRefundOutcome(update.chargeKey(), update.refundKey(),
                update.outcome());

        assertThat(recorded).isEqualTo(PaymentStatus.REFUNDED);
        Payment refunded = attempt(invoice, 1);
        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.refundReference()).isEqualTo(reference);
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).singleElement()
                .satisfies(done -> assertThat(done.refundReference()).isEqualTo(reference));

        // Delivered again: this handler knows the event; another node's does not and routes it again.
        assertThat(payments.webhooks().handle(payload, signature))
                .isEqualTo(new WebhookOutcome.Duplicate(EventId.of("evt_refund"), "refund.updated"));
        WebhookOutcome elsewhere = StripeWebhooksTest.webhooks(webhookClock, 10).handle(payload, signature);
        assertThat(elsewhere).isEqualTo(outcome);
        assertThat(fixture.billing.payments().recordRefundOutcome(update.chargeKey(), update.refundKey(),
                update.outcome()))
                .isEqualTo(PaymentStatus.REFUNDED);
        assertThat(fixture.billing.invoices().refund(invoice.id())).as("asking to refund it again")
                .isEqualTo(refunded);

        assertThat(attempt(invoice, 1)).isEqualTo(refunded);
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).hasSize(1);
        assertThat(fixture.events.eventsOf(PaymentRefundPending.class)).hasSize(1);
        assertThat(stub.requests("POST", "/v1/refunds")).hasSize(1);
        assertThat(stub.refundsOfCharge(paid.idempotencyKey().value())).hasSize(1);
        assertThat(stored(invoice).state()).isEqualTo(InvoiceState.PAID);
    }

    @Test
    void creditNotesRefundPartsOfAPaymentAtStripeUnderTheirOwnKeysAndAPendingOnesWebhookEndsIt() {
        addCard();
        fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.monthly.id());
        Invoice invoice = stored(onlyInvoice());
        Payment paid = attempt(invoice, 1);
        CreditRequest tenEuros = CreditRequest.of(CreditReason.PRODUCT_UNSATISFACTORY, CreditDestination.REFUND,
                CreditRequest.Line.of(0, BillingFixture.eur("10.00")));

        CreditNote first = fixture.billing.credits().issue(alice, invoice.id(), tenEuros);
        stub.refundsOf(paid.providerReference().value(), "pending", null);
        CreditNote second = fixture.billing.credits().issue(alice, invoice.id(), tenEuros);

        List<JsonObject> made = stub.refundsOfCharge(paid.idempotencyKey().value());
        assertThat(made).hasSize(2).allSatisfy(refund -> assertThat(refund.get("amount").getAsLong()).isEqualTo(1210));
        assertThat(stub.requests("POST", "/v1/refunds")).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly(Refund.keyOf(first.id()).value(), Refund.keyOf(second.id()).value());
        List<Refund> refunds = fixture.billing.credits().refunds(alice, invoice.id());
        Refund done = refunds.stream().filter(r -> r.creditNoteId().equals(first.id())).findFirst().orElseThrow();
        Refund pending = refunds.stream().filter(r -> r.creditNoteId().equals(second.id())).findFirst()
                .orElseThrow();
        assertThat(done.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(pending.status()).isEqualTo(RefundStatus.PENDING);

        String payload = StripeWebhooksTest.event("evt_partial", "refund.updated",
                stub.updateRefund(pending.reference().value(), "succeeded", null));
        WebhookOutcome.RefundUpdated update = (WebhookOutcome.RefundUpdated) payments.webhooks().handle(payload,
                StripeWebhooksTest.sign(payload, TestAdapter.WEBHOOK_SECRET, webhookClock.instant()));
        assertThat(update.refundKey()).isEqualTo(Refund.keyOf(second.id()));
        assertThat(fixture.billing.payments().recordRefundOutcome(update.chargeKey(), update.refundKey(),
                update.outcome())).isEqualTo(PaymentStatus.SUCCEEDED);

        assertThat(fixture.billing.credits().refunds(alice, invoice.id())).extracting(Refund::status)
                .containsExactly(RefundStatus.SUCCEEDED, RefundStatus.SUCCEEDED);
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).hasSize(2);
        assertThat(attempt(invoice, 1).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(stored(invoice).state()).isEqualTo(InvoiceState.PAID);
    }

    @Test
    void removingAMethodDetachesItAtStripe() {
        PaymentMethod first = addCard();
        PaymentMethod second = addCard();

        fixture.billing.paymentMethods().remove(alice, acme.id(), first.id());

        assertThat(stub.paymentMethod(first.providerReference().value()).get("customer").isJsonNull()).isTrue();
        CustomerReference customer = CustomerReference.of(
                stub.paymentMethod(second.providerReference().value()).get("customer").getAsString());
        assertThat(payments.paymentMethods(customer)).singleElement().satisfies(method -> {
            assertThat(method.reference()).isEqualTo(second.providerReference());
            assertThat(method.isDefault()).as("promoted to default, and Stripe told").isTrue();
        });
    }
}
