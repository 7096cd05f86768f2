package org.billingsdk.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour.DECLINE;
import static org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour.DECLINE_INSUFFICIENT_FUNDS;
import static org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour.PENDING_THEN_SUCCEED;
import static org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour.SUCCEED;
import static org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour.TIMEOUT_AFTER_CHARGE;
import static org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour.TIMEOUT_BEFORE_CHARGE;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.InvoicePaid;
import org.billingsdk.core.event.InvoiceUncollectible;
import org.billingsdk.core.event.PaymentFailed;
import org.billingsdk.core.event.PaymentPending;
import org.billingsdk.core.event.PaymentSucceeded;
import org.billingsdk.core.event.SubscriptionCancelled;
import org.billingsdk.core.event.SubscriptionDataErased;
import org.billingsdk.core.event.SubscriptionPastDue;
import org.billingsdk.core.event.SubscriptionRecovered;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.subscription.CancelResult;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.FakeEnvironments;
import org.billingsdk.core.testing.MutableClock;
import org.billingsdk.core.testing.OnEveryStorage;
import org.billingsdk.core.testing.RecordingEventSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Charging invoices through the payment port and the dunning that follows a failure. */
public class DunningTest extends OnEveryStorage {

    private static final Duration DAY = Duration.ofDays(1);

    private Company acme;
    private Actor alice;

    @BeforeEach
    void setUp() {
        acme = fixture.root("Acme");
        alice = actor(acme);
        fixture.events.clear();
    }

    private Subscription subscribeMonthly() {
        return fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.monthly.id());
    }

    private Invoice onlyInvoiceOf(Company company) {
        List<Invoice> invoices = fixture.storage.invoices().findByCompanies(List.of(company.id()), null, 100);
        assertThat(invoices).hasSize(1);
        return invoices.get(0);
    }

    private Invoice stored(InvoiceId id) {
        return fixture.storage.invoices().findById(id).orElseThrow();
    }

    private Subscription stored(Subscription subscription) {
        return fixture.storage.subscriptions().findById(subscription.id()).orElseThrow();
    }

    private List<Payment> paymentsOf(InvoiceId id) {
        return fixture.storage.payments().findByInvoices(List.of(id));
    }

    private BillingRunReport runAt(Instant at) {
        fixture.clock.set(at);
        return fixture.billing.run(at);
    }

    private List<String> chargeCalls() {
        return fixture.payments.calls().stream().filter(call -> call.startsWith("charge ")).toList();
    }

    private static BigDecimal exact(Invoice invoice) {
        return invoice.total().getNumber().numberValueExact(BigDecimal.class);
    }

    @Nested
    class Declines {

        @Test
        void aDeclinedFirstPaymentMakesTheSubscriptionPastDueAndSchedulesTheFirstRetryThreeDaysAfterIssue() {
            fixture.payments.thenCharges(DECLINE_INSUFFICIENT_FUNDS);

            Subscription subscription = subscribeMonthly();

            Invoice invoice = onlyInvoiceOf(acme);
            assertThat(subscription.state()).isEqualTo(SubscriptionState.PAST_DUE);
            assertThat(invoice.state()).isEqualTo(InvoiceState.OPEN);
            assertThat(invoice.paymentAttempts()).isEqualTo(1);
            assertThat(invoice.nextPaymentAt()).isEqualTo(invoice.issuedAt().plus(Duration.ofDays(3)));
            assertThat(paymentsOf(invoice.id())).singleElement().satisfies(payment -> {
                assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
                assertThat(payment.failureCode()).isEqualTo(DeclineCode.of("insufficient_funds"));
                assertThat(payment.attempt()).isEqualTo(1);
                assertThat(payment.idempotencyKey()).isEqualTo(IdempotencyKey.forAttempt(invoice.id(), 1));
            });
            assertThat(fixture.events.eventsOf(PaymentFailed.class)).singleElement().satisfies(failed -> {
                assertThat(failed.attempt()).isEqualTo(1);
                assertThat(failed.failureCode()).isEqualTo("insufficient_funds");
                assertThat(failed.nextAttemptAt()).isEqualTo(invoice.issuedAt().plus(Duration.ofDays(3)));
            });
            assertThat(fixture.events.eventsOf(SubscriptionPastDue.class)).singleElement()
                    .satisfies(pastDue -> assertThat(pastDue.invoiceId()).isEqualTo(invoice.id()));
        }

        @Test
        void retriesRunOnTheBillingRunAtIssuePlusThreeFiveAndSevenDaysAndNotBefore() {
            fixture.payments.thenCharges(DECLINE, DECLINE, DECLINE, DECLINE);
            subscribeMonthly();
            Invoice invoice = onlyInvoiceOf(acme);
            Instant issued = invoice.issuedAt();

            for (int days : new int[] {3, 5, 7}) {
                int calls = chargeCalls().size();
                runAt(issued.plus(Duration.ofDays(days)).minusSeconds(1));
                assertThat(chargeCalls()).as("no retry before day %d", days).hasSize(calls);

                BillingRunReport report = runAt(issued.plus(Duration.ofDays(days)));
                assertThat(report.paymentsFailed()).as("retry on day %d", days).isEqualTo(1);
                assertThat(chargeCalls()).hasSize(calls + 1);
            }

            assertThat(paymentsOf(invoice.id())).extracting(Payment::attempt, Payment::createdAt).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1, issued),
                    org.assertj.core.groups.Tuple.tuple(2, issued.plus(Duration.ofDays(3))),
                    org.assertj.core.groups.Tuple.tuple(3, issued.plus(Duration.ofDays(5))),
                    org.assertj.core.groups.Tuple.tuple(4, issued.plus(Duration.ofDays(7))));
            assertThat(fixture.events.eventsOf(PaymentFailed.class)).extracting(PaymentFailed::nextAttemptAt)
                    .containsExactly(issued.plus(Duration.ofDays(3)), issued.plus(Duration.ofDays(5)),
                            issued.plus(Duration.ofDays(7)), null);
        }

        @Test
        void aLaterSuccessfulRetryPaysTheInvoiceAndRecoversTheSubscription() {
            fixture.payments.thenCharges(DECLINE, DECLINE, SUCCEED);
            Subscription subscription = subscribeMonthly();
            Invoice invoice = onlyInvoiceOf(acme);

            runAt(invoice.issuedAt().plus(Duration.ofDays(3)));
            assertThat(stored(subscription).state()).isEqualTo(SubscriptionState.PAST_DUE);
            BillingRunReport report = runAt(invoice.issuedAt().plus(Duration.ofDays(5)));

            assertThat(report.paymentsSucceeded()).isEqualTo(1);
            Invoice paid = stored(invoice.id());
            assertThat(paid.state()).isEqualTo(InvoiceState.PAID);
            assertThat(paid.closedAt()).isEqualTo(invoice.issuedAt().plus(Duration.ofDays(5)));
            assertThat(paid.nextPaymentAt()).isNull();
            assertThat(stored(subscription).state()).isEqualTo(SubscriptionState.ACTIVE);
            assertThat(fixture.payments.capturedFor(invoice.id())).isEqualByComparingTo(exact(invoice));
            assertThat(fixture.events.events()).map(BillingEvent::type)
                    .containsSubsequence("PaymentFailed", "SubscriptionPastDue", "PaymentFailed",
                            "PaymentSucceeded", "InvoicePaid", "SubscriptionRecovered");
            assertThat(fixture.events.eventsOf(SubscriptionRecovered.class)).singleElement()
                    .satisfies(recovered -> assertThat(recovered.subscriptionId()).isEqualTo(subscription.id()));

            int calls = chargeCalls().size();
            runAt(invoice.issuedAt().plus(Duration.ofDays(7)));
            assertThat(chargeCalls()).as("no retry after the invoice is paid").hasSize(calls);
        }

        @Test
        void afterTheLastFailureTheDefaultPolicyKeepsTheInvoiceOpenWithoutRetriesAndTheSubscriptionPastDue() {
            fixture.payments.thenCharges(DECLINE, DECLINE, DECLINE, DECLINE);
            Subscription subscription = subscribeMonthly();
            Invoice invoice = onlyInvoiceOf(acme);
            for (int days : new int[] {3, 5, 7}) {
                runAt(invoice.issuedAt().plus(Duration.ofDays(days)));
            }

            Invoice open = stored(invoice.id());
            assertThat(open.state()).isEqualTo(InvoiceState.OPEN);
            assertThat(open.paymentAttempts()).isEqualTo(4);
            assertThat(open.nextPaymentAt()).isNull();
            assertThat(stored(subscription).state()).isEqualTo(SubscriptionState.PAST_DUE);
            assertThat(fixture.environments.isLive(subscription.environmentId())).isTrue();

            int calls = chargeCalls().size();
            runAt(invoice.issuedAt().plus(Duration.ofDays(10)));
            assertThat(chargeCalls()).hasSize(calls);
        }

        @Test
        void payingNowWithANewCardAfterTheLastFailurePaysAndRecovers() {
            fixture.payments.thenCharges(DECLINE, DECLINE, DECLINE, DECLINE);
            Subscription subscription = subscribeMonthly();
            Invoice invoice = onlyInvoiceOf(acme);
            for (int days : new int[] {3, 5, 7}) {
                runAt(invoice.issuedAt().plus(Duration.ofDays(days)));
            }
            fixture.advance(DAY);
            PaymentMethod oldCard = fixture.billing.paymentMethods().list(alice, acme.id()).get(0);
            PaymentMethod newCard = fixture.addCard(acme, acme);
            fixture.billing.paymentMethods().makeDefault(alice, acme.id(), newCard.id());
            fixture.events.clear();

            Optional<PaymentStatus> status = fixture.billing.invoices().payNow(alice, invoice.id());

            assertThat(status).contains(PaymentStatus.SUCCEEDED);
            assertThat(stored(invoice.id()).state()).isEqualTo(InvoiceState.PAID);
            assertThat(stored(subscription).state()).isEqualTo(SubscriptionState.ACTIVE);
            assertThat(paymentsOf(invoice.id())).last().satisfies(payment -> {
                assertThat(payment.attempt()).isEqualTo(5);
                assertThat(payment.paymentMethodId()).isEqualTo(newCard.id());
                assertThat(payment.paymentMethodId()).isNotEqualTo(oldCard.id());
                assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            });
            assertThat(fixture.events.events()).map(BillingEvent::type)
                    .containsExactly("PaymentSucceeded", "InvoicePaid", "SubscriptionRecovered");
            assertThat(fixture.billing.invoices().payNow(alice, invoice.id())).as("paid: nothing to pay").isEmpty();
        }

        @Test
        void theRetryScheduleAndPolicyAreConfigurable() {
            Custom custom = new Custom(newStorage(), BillingTerms.defaults()
                    .withRetryDelays(List.of(Duration.ofDays(1), Duration.ofDays(2)))
                    .withPaymentTerms(Duration.ofDays(30)));
            custom.payments.thenCharges(DECLINE, DECLINE, DECLINE);
            Subscription subscription = custom.subscribeMonthly();
            Invoice invoice = custom.onlyInvoice();

            assertThat(invoice.dueAt()).isEqualTo(invoice.issuedAt().plus(Duration.ofDays(30)));
            assertThat(invoice.nextPaymentAt()).isEqualTo(invoice.issuedAt().plus(Duration.ofDays(1)));
            custom.runAt(invoice.issuedAt().plus(Duration.ofDays(1)));
            assertThat(custom.invoice(invoice.id()).nextPaymentAt()).isEqualTo(invoice.issuedAt().plus(Duration.ofDays(2)));
            custom.runAt(invoice.issuedAt().plus(Duration.ofDays(2)));

            assertThat(custom.invoice(invoice.id()).paymentAttempts()).isEqualTo(3);
            assertThat(custom.invoice(invoice.id()).nextPaymentAt()).isNull();
            assertThat(custom.subscription(subscription).state()).isEqualTo(SubscriptionState.PAST_DUE);
        }

        @Test
        void withTheCancelPolicyTheLastFailureMakesTheInvoiceUncollectibleAndCancelsAndErases() {
            Custom custom = new Custom(newStorage(),
                    BillingTerms.defaults().withAfterLastFailure(DunningPolicy.CANCEL_SUBSCRIPTION));
            custom.payments.thenCharges(DECLINE, DECLINE, DECLINE, DECLINE);
            Subscription subscription = custom.subscribeMonthly();
            Invoice invoice = custom.onlyInvoice();
            custom.runAt(invoice.issuedAt().plus(Duration.ofDays(3)));
            custom.runAt(invoice.issuedAt().plus(Duration.ofDays(5)));
            assertThat(custom.subscription(subscription).state()).isEqualTo(SubscriptionState.PAST_DUE);

            custom.runAt(invoice.issuedAt().plus(Duration.ofDays(7)));

            Invoice uncollectible = custom.invoice(invoice.id());
            assertThat(uncollectible.state()).isEqualTo(InvoiceState.UNCOLLECTIBLE);
            assertThat(uncollectible.number()).isEqualTo(invoice.number());
            assertThat(uncollectible.nextPaymentAt()).isNull();
            Subscription cancelled = custom.subscription(subscription);
            assertThat(cancelled.state()).isEqualTo(SubscriptionState.CANCELLED);
            assertThat(cancelled.cancelledAt()).isEqualTo(invoice.issuedAt().plus(Duration.ofDays(7)));
            assertThat(cancelled.erasure()).isEqualTo(ErasureStatus.CONFIRMED);
            assertThat(custom.environments.isLive(subscription.environmentId())).isFalse();
            assertThat(custom.environments.erased()).containsExactly(subscription.environmentId());
            assertThat(custom.events.events()).map(BillingEvent::type)
                    .containsSubsequence("PaymentFailed", "InvoiceUncollectible", "SubscriptionCancelled",
                            "SubscriptionDataErased");
            assertThat(custom.billing.invoices().payNow(custom.actor, invoice.id())).isEmpty();

            BillingRunReport later = custom.runAt(invoice.issuedAt().plus(Duration.ofDays(40)));
            assertThat(later.invoicesIssued()).as("a cancelled subscription is never invoiced again").isZero();
        }
    }

    @Nested
    class OutcomesToReconcile {

        @Test
        void aPendingSepaDebitKeepsTheInvoiceOpenAndTheNextDaysRunSettlesItUnderTheSameKey() {
            PaymentMethod sepa = sepaAsDefault();
            fixture.payments.thenCharges(PENDING_THEN_SUCCEED);
            Subscription subscription = subscribeMonthly();
            Invoice invoice = onlyInvoiceOf(acme);

            assertThat(invoice.state()).isEqualTo(InvoiceState.OPEN);
            assertThat(stored(subscription).state()).isEqualTo(SubscriptionState.ACTIVE);
            assertThat(paymentsOf(invoice.id())).singleElement().satisfies(payment -> {
                assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
                assertThat(payment.paymentMethodId()).isEqualTo(sepa.id());
            });
            assertThat(fixture.events.eventsOf(PaymentPending.class)).hasSize(1);

            runAt(invoice.issuedAt().plus(Duration.ofHours(12)));
            assertThat(stored(invoice.id()).state()).as("still pending half a day later").isEqualTo(InvoiceState.OPEN);
            assertThat(chargeCalls()).hasSize(1);

            BillingRunReport nextDay = runAt(invoice.issuedAt().plus(DAY));

            assertThat(nextDay.paymentsSucceeded()).isEqualTo(1);
            assertThat(stored(invoice.id()).state()).isEqualTo(InvoiceState.PAID);
            IdempotencyKey key = IdempotencyKey.forAttempt(invoice.id(), 1);
            assertThat(chargeCalls()).containsExactly("charge " + key, "charge " + key);
            assertThat(paymentsOf(invoice.id())).singleElement().satisfies(payment -> {
                assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
                assertThat(payment.idempotencyKey()).isEqualTo(key);
            });
            assertThat(fixture.payments.capturedFor(invoice.id())).isEqualByComparingTo(exact(invoice));
            assertThat(fixture.events.eventsOf(PaymentPending.class)).hasSize(1);
            assertThat(fixture.events.eventsOf(InvoicePaid.class)).hasSize(1);
        }

        @Test
        void aTimeoutAfterTheChargeIsReconciledAnHourLaterUnderTheSameKeyAndChargedOnce() {
            fixture.payments.thenCharges(TIMEOUT_AFTER_CHARGE);
            Subscription subscription = subscribeMonthly();
            Invoice invoice = onlyInvoiceOf(acme);
            int distinct = fixture.payments.distinctCharges();

            assertThat(paymentsOf(invoice.id())).singleElement()
                    .satisfies(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.UNKNOWN));
            assertThat(invoice.state()).isEqualTo(InvoiceState.OPEN);
            assertThat(invoice.nextPaymentAt()).isEqualTo(invoice.issuedAt().plus(Duration.ofHours(1)));
            assertThat(stored(subscription).state()).as("an unknown outcome is not a failure")
                    .isEqualTo(SubscriptionState.ACTIVE);

            runAt(invoice.issuedAt().plus(Duration.ofMinutes(59)));
            assertThat(chargeCalls()).hasSize(1);
            runAt(invoice.issuedAt().plus(Duration.ofHours(1)));

            assertThat(stored(invoice.id()).state()).isEqualTo(InvoiceState.PAID);
            assertThat(fixture.payments.capturedFor(invoice.id())).isEqualByComparingTo(exact(invoice));
            assertThat(fixture.payments.distinctCharges()).isEqualTo(distinct);
            IdempotencyKey key = IdempotencyKey.forAttempt(invoice.id(), 1);
            assertThat(chargeCalls()).containsExactly("charge " + key, "charge " + key);
            assertThat(paymentsOf(invoice.id())).singleElement()
                    .satisfies(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED));
            assertThat(fixture.events.eventsOf(PaymentFailed.class)).isEmpty();
        }

        @Test
        void aTimeoutBeforeTheChargeIsReconciledUnderTheSameKeyAndChargedOnce() {
            fixture.payments.thenCharges(TIMEOUT_BEFORE_CHARGE);
            subscribeMonthly();
            Invoice invoice = onlyInvoiceOf(acme);
            int distinct = fixture.payments.distinctCharges();
            assertThat(fixture.payments.capturedFor(invoice.id())).isEqualByComparingTo("0");

            runAt(invoice.issuedAt().plus(Duration.ofHours(1)));

            assertThat(stored(invoice.id()).state()).isEqualTo(InvoiceState.PAID);
            assertThat(fixture.payments.capturedFor(invoice.id())).isEqualByComparingTo(exact(invoice));
            assertThat(fixture.payments.distinctCharges()).isEqualTo(distinct);
            assertThat(chargeCalls()).containsOnly("charge " + IdempotencyKey.forAttempt(invoice.id(), 1));
        }

        @Test
        void anUnknownOutcomeIsReconciledUnderItsOwnKeyEvenWhenItsMethodWasRemovedMeanwhile() {
            // The card is charged but the answer is lost; before the reconciliation the customer
            // replaces the card. The attempt must still be asked about under its key, never be
            // taken for a decline and charged again under a new key.
            fixture.payments.thenCharges(TIMEOUT_AFTER_CHARGE);
            subscribeMonthly();
            Invoice invoice = onlyInvoiceOf(acme);
            PaymentMethod charged = fixture.billing.paymentMethods().list(alice, acme.id()).get(0);
            fixture.advance(Duration.ofMinutes(10));
            fixture.addCard(acme, acme);
            fixture.billing.paymentMethods().remove(alice, acme.id(), charged.id());

            runAt(invoice.issuedAt().plus(Duration.ofHours(1)));
            runAt(invoice.issuedAt().plus(Duration.ofDays(3)));

            assertThat(fixture.payments.capturedFor(invoice.id())).as("charged exactly once")
                    .isEqualByComparingTo(exact(invoice));
            assertThat(stored(invoice.id()).state()).isEqualTo(InvoiceState.PAID);
            assertThat(paymentsOf(invoice.id())).singleElement()
                    .satisfies(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED));
        }

        private PaymentMethod sepaAsDefault() {
            SetupSession setup = fixture.billing.paymentMethods().startSetup(alice, acme.id(), SetupKind.SEPA_DEBIT);
            PaymentMethod sepa = ((SetupOutcome.Added) fixture.billing.paymentMethods()
                    .completeSetup(alice, acme.id(), setup.id())).method();
            fixture.billing.paymentMethods().makeDefault(alice, acme.id(), sepa.id());
            return sepa;
        }
    }

    @Nested
    class EdgeCases {

        @Test
        void aCompanyWithoutAPaymentMethodFailsWithNoPaymentMethodAndIsDunnedUntilItAddsOne() {
            Company bare = fixture.billing.accounts().register(NewCompany.of("Bare", "bare@example.com")
                    .withBillingDetails(BillingDetails.builder()
                            .billingAddress(Address.of("Damrak 2", "1012 LG", "Amsterdam", "NL")).build()));
            Subscription subscription = fixture.billing.subscriptions()
                    .subscribe(actor(bare), bare.id(), fixture.monthly.id());
            Invoice invoice = onlyInvoiceOf(bare);

            assertThat(subscription.state()).isEqualTo(SubscriptionState.PAST_DUE);
            assertThat(chargeCalls()).as("nothing to charge at the provider").isEmpty();
            assertThat(paymentsOf(invoice.id())).singleElement().satisfies(payment -> {
                assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
                assertThat(payment.failureCode()).isEqualTo(DeclineCode.of("no_payment_method"));
                assertThat(payment.paymentMethodId()).isNull();
            });
            assertThat(fixture.events.eventsOf(PaymentFailed.class)).singleElement()
                    .satisfies(failed -> assertThat(failed.failureCode()).isEqualTo("no_payment_method"));
            assertThat(invoice.nextPaymentAt()).isEqualTo(invoice.issuedAt().plus(Duration.ofDays(3)));

            fixture.advance(DAY);
            fixture.addCard(bare, bare);
            runAt(invoice.issuedAt().plus(Duration.ofDays(3)));

            assertThat(stored(invoice.id()).state()).isEqualTo(InvoiceState.PAID);
            assertThat(stored(subscription).state()).isEqualTo(SubscriptionState.ACTIVE);
            assertThat(paymentsOf(invoice.id())).extracting(Payment::status)
                    .containsExactly(PaymentStatus.DECLINED, PaymentStatus.SUCCEEDED);
        }

        @Test
        void aDebtOnAnInvoiceIssuedBeforeTheCancellationTookEffectIsStillCollected() {
            fixture.payments.thenCharges(DECLINE);
            Subscription subscription = subscribeMonthly();
            Invoice invoice = onlyInvoiceOf(acme);
            fixture.advance(DAY);
            CancelResult cancelled = fixture.billing.subscriptions()
                    .cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);
            assertThat(cancelled).isInstanceOf(CancelResult.Cancelled.class);

            runAt(invoice.issuedAt().plus(Duration.ofDays(3)));

            assertThat(stored(invoice.id()).state()).isEqualTo(InvoiceState.PAID);
            assertThat(fixture.payments.capturedFor(invoice.id())).isEqualByComparingTo(exact(invoice));
            assertThat(stored(subscription).state()).as("paying does not bring a cancelled subscription back")
                    .isEqualTo(SubscriptionState.CANCELLED);
            assertThat(fixture.events.eventsOf(SubscriptionRecovered.class)).isEmpty();
        }

        @Test
        void idempotencyKeysAreDerivedFromInvoiceAndAttemptAndNeverReusedForAnotherAttempt() {
            fixture.payments.thenCharges(DECLINE, DECLINE, DECLINE, DECLINE, SUCCEED);
            subscribeMonthly();
            Invoice invoice = onlyInvoiceOf(acme);
            for (int days : new int[] {3, 5, 7}) {
                runAt(invoice.issuedAt().plus(Duration.ofDays(days)));
            }
            fixture.billing.invoices().payNow(alice, invoice.id());

            List<Payment> payments = paymentsOf(invoice.id());
            assertThat(payments).extracting(Payment::attempt).containsExactly(1, 2, 3, 4, 5);
            assertThat(payments).allSatisfy(payment -> assertThat(payment.idempotencyKey())
                    .isEqualTo(IdempotencyKey.forAttempt(invoice.id(), payment.attempt())));
            assertThat(payments).extracting(Payment::idempotencyKey).doesNotHaveDuplicates();
            assertThat(chargeCalls()).containsExactlyElementsOf(payments.stream()
                    .map(payment -> "charge " + payment.idempotencyKey()).toList());
            assertThat(fixture.payments.distinctCharges()).isEqualTo(5);
            assertThat(fixture.payments.capturedFor(invoice.id())).isEqualByComparingTo(exact(invoice));
        }

        @Test
        void payingNowWhileAnAttemptIsPendingAsksAgainUnderItsKeyInsteadOfChargingAgain() {
            fixture.payments.thenCharges(PENDING_THEN_SUCCEED);
            subscribeMonthly();
            Invoice invoice = onlyInvoiceOf(acme);

            Optional<PaymentStatus> status = fixture.billing.invoices().payNow(alice, invoice.id());

            assertThat(status).contains(PaymentStatus.SUCCEEDED);
            assertThat(paymentsOf(invoice.id())).singleElement()
                    .satisfies(payment -> assertThat(payment.attempt()).isEqualTo(1));
            assertThat(fixture.payments.distinctCharges()).isEqualTo(1);
            assertThat(fixture.payments.capturedFor(invoice.id())).isEqualByComparingTo(exact(invoice));
        }

        @Test
        void aPaymentOnAnotherInvoiceDoesNotRecoverASubscriptionWhoseEarlierInvoiceIsStillUnpaid() {
            fixture.payments.thenCharges(DECLINE, DECLINE, DECLINE, DECLINE);
            Subscription subscription = subscribeMonthly();
            Invoice first = onlyInvoiceOf(acme);
            for (int days : new int[] {3, 5, 7}) {
                runAt(first.issuedAt().plus(Duration.ofDays(days)));
            }

            BillingRunReport renewal = runAt(Instant.parse("2026-02-15T10:00:00Z"));

            assertThat(renewal.invoicesIssued()).isEqualTo(1);
            assertThat(renewal.paymentsSucceeded()).isEqualTo(1);
            assertThat(stored(first.id()).state()).isEqualTo(InvoiceState.OPEN);
            assertThat(stored(subscription).state()).isEqualTo(SubscriptionState.PAST_DUE);
        }
    }

    @Nested
    class LargeCustomers {

        @Test
        void aSubscriptionIsNotRecoveredWhileAnOlderInvoiceOfItIsUnpaidHoweverManyNewerInvoicesTheCompanyHas() {
            fixture.payments.thenCharges(DECLINE, DECLINE, DECLINE, DECLINE);
            Subscription subscription = subscribeMonthly();
            Invoice unpaid = onlyInvoiceOf(acme);
            for (int days : new int[] {3, 5, 7}) {
                runAt(unpaid.issuedAt().plus(Duration.ofDays(days)));
            }
            fixture.clock.set(Instant.parse("2026-02-01T10:00:00Z"));
            for (int i = 0; i < 50; i++) {
                fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.monthly.id());
            }

            BillingRunReport renewal = runAt(Instant.parse("2026-02-15T10:00:00Z"));

            assertThat(renewal.paymentsSucceeded()).as("the subscription's next invoice is paid").isEqualTo(1);
            assertThat(stored(unpaid.id()).state()).isEqualTo(InvoiceState.OPEN);
            assertThat(stored(subscription).state()).as("its first invoice is still unpaid")
                    .isEqualTo(SubscriptionState.PAST_DUE);
            assertThat(fixture.events.eventsOf(SubscriptionRecovered.class)).isEmpty();
        }
    }

    /** A Billing like the fixture's, on other billing terms, with a catalog and a customer of its own. */
    private static final class Custom {
        final MutableClock clock;
        final FakeEnvironments environments;
        final RecordingEventSink events;
        final SimulatedPaymentProvider payments;
        final Storage storage;
        final Billing billing;
        final Plan monthly;
        final Company company;
        final Actor actor;

        Custom(Storage storage, BillingTerms terms) {
            BillingFixture custom = BillingFixture.builder().storage(storage).terms(terms).withoutCatalog().build();
            clock = custom.clock;
            environments = custom.environments;
            events = custom.events;
            payments = custom.payments;
            this.storage = custom.storage;
            billing = custom.billing;
            billing.catalog().addProduct(new NewProduct("edr", "Endpoint Detection & Response", "Detects threats."));
            monthly = billing.catalog().addPlan(NewPlan.of("edr-monthly", "edr", eur("49.00"), BillingInterval.MONTHLY));
            company = billing.accounts().register(NewCompany.of("Initech", "billing@initech.example")
                    .withBillingDetails(BillingDetails.builder()
                            .billingAddress(Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL")).build()));
            actor = actor(company);
            SetupSession setup = billing.paymentMethods().startSetup(actor, company.id(), SetupKind.CARD);
            billing.paymentMethods().completeSetup(actor, company.id(), setup.id());
        }

        Subscription subscribeMonthly() {
            return billing.subscriptions().subscribe(actor, company.id(), monthly.id());
        }

        Invoice onlyInvoice() {
            List<Invoice> invoices = storage.invoices().findByCompanies(List.of(company.id()), null, 100);
            assertThat(invoices).hasSize(1);
            return invoices.get(0);
        }

        Invoice invoice(InvoiceId id) {
            return storage.invoices().findById(id).orElseThrow();
        }

        Subscription subscription(Subscription subscription) {
            return storage.subscriptions().findById(subscription.id()).orElseThrow();
        }

        BillingRunReport runAt(Instant at) {
            clock.set(at);
            return billing.run(at);
        }
    }
}
