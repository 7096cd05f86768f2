package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.InvoicePaid;
import org.billingsdk.core.event.PaymentSucceeded;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.port.PaymentStore;
import org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.ForwardingInvoiceStore;
import org.billingsdk.core.testing.ForwardingPaymentProvider;
import org.billingsdk.core.testing.ForwardingPaymentStore;
import org.billingsdk.core.testing.ForwardingStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The billing run stores each invoice it issues with its first payment attempt already recorded,
 * in the transaction that issues it, and charges it once that has committed: the invoice is
 * written twice in all (issued, then paid), a lost answer is still reconciled under the attempt's
 * own key, and a page whose attempts cannot be recorded is issued and charged one by one instead.
 */
class BillingRunFirstAttemptTest {

    /** Records the invoices as they are written, and fails payment inserts while told to. */
    private static final class WatchedStorage extends ForwardingStorage {
        final List<Invoice> inserted = Collections.synchronizedList(new ArrayList<>());
        final List<Invoice> updated = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger readsById = new AtomicInteger();
        final AtomicInteger failingPaymentInserts = new AtomicInteger();

        WatchedStorage() {
            super(InMemoryStorage.create());
        }

        @Override
        public InvoiceStore invoices() {
            return new ForwardingInvoiceStore(delegate.invoices()) {
                @Override
                public Invoice insert(Invoice invoice) {
                    inserted.add(invoice);
                    return delegate.insert(invoice);
                }

                @Override
                public List<Invoice> insertAll(List<Invoice> invoices) {
                    inserted.addAll(invoices);
                    return delegate.insertAll(invoices);
                }

                @Override
                public Optional<Invoice> findById(InvoiceId id) {
                    readsById.incrementAndGet();
                    return delegate.findById(id);
                }

                @Override
                public List<Invoice> findAllById(java.util.Collection<InvoiceId> ids) {
                    readsById.addAndGet(ids.size());
                    return delegate.findAllById(ids);
                }

                @Override
                public Invoice update(Invoice invoice) {
                    updated.add(invoice);
                    return delegate.update(invoice);
                }

                @Override
                public List<Invoice> updateAll(List<Invoice> invoices) {
                    updated.addAll(invoices);
                    return delegate.updateAll(invoices);
                }
            };
        }

        @Override
        public PaymentStore payments() {
            return new ForwardingPaymentStore(delegate.payments()) {
                @Override
                public List<Payment> insertAll(List<Payment> payments) {
                    if (failingPaymentInserts.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                        throw new StorageException("payments.insertAll", "the database went away", null);
                    }
                    return delegate.insertAll(payments);
                }
            };
        }

        void forget() {
            inserted.clear();
            updated.clear();
            readsById.set(0);
        }
    }

    private final WatchedStorage storage = new WatchedStorage();
    private final BillingFixture fixture = BillingFixture.builder().storage(storage).build();
    private final List<Company> customers = new ArrayList<>();

    @BeforeEach
    void threeSubscribersWithCardsAMonthLater() {
        for (String name : List.of("Acme", "Globex", "Initech")) {
            Company company = fixture.root(name);
            fixture.addCard(company, company);
            fixture.billing.subscriptions().subscribe(actor(company), company.id(), fixture.monthly.id());
            customers.add(company);
        }
        fixture.advance(Duration.ofDays(31));
        storage.forget();
    }

    @Test
    void eachRenewalInvoiceIsStoredWithItsFirstAttemptRecordedAndWrittenOnceMoreWhenPaid() {
        Instant now = fixture.clock.instant();

        fixture.billing.run(now);

        assertThat(storage.readsById).as("the outcomes are recorded on the invoices as claimed, not read again")
                .hasValue(0);
        assertThat(storage.inserted).hasSize(3).allSatisfy(invoice -> {
            assertThat(invoice.state()).isEqualTo(InvoiceState.OPEN);
            assertThat(invoice.paymentAttempts()).isEqualTo(1);
            assertThat(invoice.nextPaymentAt()).isAfter(now);
        });
        assertThat(storage.updated).hasSize(3).allSatisfy(invoice -> assertThat(invoice.state())
                .isEqualTo(InvoiceState.PAID));
        assertThat(storage.updated).extracting(Invoice::id)
                .containsExactlyInAnyOrderElementsOf(storage.inserted.stream().map(Invoice::id).toList());
        for (Company company : customers) {
            InvoiceSummary renewal = latestInvoice(company);
            assertThat(renewal.state()).isEqualTo(InvoiceState.PAID);
            assertThat(renewal.payments()).singleElement().satisfies(payment -> {
                assertThat(payment.attempt()).isEqualTo(1);
                assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            });
        }
        assertThat(fixture.payments.distinctCharges()).isEqualTo(6);
    }

    @Test
    void aRenewalChargeWhoseAnswerIsLostIsReconciledUnderItsFirstAttemptsKeyByALaterRun() {
        fixture.payments.thenCharges(Behaviour.TIMEOUT_AFTER_CHARGE, Behaviour.SUCCEED, Behaviour.SUCCEED);

        fixture.billing.run(fixture.clock.instant());

        List<InvoiceSummary> open = customers.stream().map(this::latestInvoice)
                .filter(invoice -> invoice.state() == InvoiceState.OPEN).toList();
        assertThat(open).singleElement().satisfies(invoice -> assertThat(invoice.payments()).singleElement()
                .satisfies(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.UNKNOWN)));

        fixture.advance(Duration.ofHours(2));
        fixture.billing.run(fixture.clock.instant());

        for (Company company : customers) {
            InvoiceSummary renewal = latestInvoice(company);
            assertThat(renewal.state()).isEqualTo(InvoiceState.PAID);
            assertThat(renewal.payments()).singleElement().satisfies(payment -> {
                assertThat(payment.attempt()).isEqualTo(1);
                assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            });
        }
        assertThat(fixture.payments.distinctCharges()).isEqualTo(6);
    }

    @Test
    void aPageWhoseFirstAttemptsCannotBeRecordedIsIssuedOneByOneAndEachInvoiceIsChargedOnce() {
        storage.failingPaymentInserts.set(1);

        fixture.billing.run(fixture.clock.instant());

        assertThat(storage.failingPaymentInserts).hasValue(0);
        List<Long> numbers = new ArrayList<>();
        for (Company company : customers) {
            InvoiceSummary renewal = latestInvoice(company);
            assertThat(renewal.state()).isEqualTo(InvoiceState.PAID);
            assertThat(renewal.payments()).singleElement()
                    .satisfies(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED));
            numbers.add(renewal.number().sequence());
        }
        assertThat(numbers).containsExactlyInAnyOrder(4L, 5L, 6L);
        assertThat(fixture.payments.distinctCharges()).isEqualTo(6);
    }

    private InvoiceSummary latestInvoice(Company company) {
        List<InvoiceSummary> invoices = HistoryEntry.invoices(fixture.billing.invoices()
                .history(actor(company), company.id(), Scope.COMPANY_ONLY, PageRequest.first(10)).items());
        assertThat(invoices).hasSize(2);
        return invoices.get(0);
    }

    @Test
    void anOutcomeAWebhookRecordedBeforeTheRunAnswersIsRecordedOnceFromAFreshRead() {
        AtomicReference<Billing> billing = new AtomicReference<>();
        AtomicBoolean webhookFirst = new AtomicBoolean();
        BillingFixture raced = BillingFixture.builder().payments(simulated -> new RacingWebhook(simulated, request -> {
            if (webhookFirst.get()) {
                billing.get().payments().recordOutcome(request.idempotencyKey(),
                        new ChargeOutcome.Succeeded(ChargeReference.of("pi_webhook_" + request.invoiceId().value())));
            }
        })).build();
        billing.set(raced.billing);
        List<Company> companies = new ArrayList<>();
        for (String name : List.of("Acme", "Globex")) {
            Company company = raced.root(name);
            raced.addCard(company, company);
            raced.billing.subscriptions().subscribe(actor(company), company.id(), raced.monthly.id());
            companies.add(company);
        }
        raced.advance(Duration.ofDays(31));
        raced.events.clear();
        webhookFirst.set(true);

        BillingRunReport report = raced.billing.run(raced.clock.instant());

        assertThat(report.failures()).isZero();
        assertThat(report.paymentsSucceeded()).isEqualTo(2);
        for (Company company : companies) {
            InvoiceSummary renewal = HistoryEntry.invoices(raced.billing.invoices()
                    .history(actor(company), company.id(), Scope.COMPANY_ONLY, PageRequest.first(10)).items()).get(0);
            assertThat(renewal.state()).isEqualTo(InvoiceState.PAID);
            assertThat(renewal.payments()).singleElement().satisfies(payment -> {
                assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
                assertThat(payment.providerReference().value()).startsWith("pi_webhook_");
            });
        }
        assertThat(raced.events.eventsOf(PaymentSucceeded.class)).as("one success recorded per invoice").hasSize(2);
        assertThat(raced.events.eventsOf(InvoicePaid.class)).hasSize(2);
    }

    /** The simulated provider, calling {@code beforeAnswering} after each charge and before answering it. */
    private static final class RacingWebhook extends ForwardingPaymentProvider {
        private final Consumer<ChargeRequest> beforeAnswering;

        RacingWebhook(PaymentProvider delegate, Consumer<ChargeRequest> beforeAnswering) {
            super(delegate);
            this.beforeAnswering = beforeAnswering;
        }

        @Override
        public ChargeOutcome charge(ChargeRequest request) {
            ChargeOutcome outcome = delegate.charge(request);
            beforeAnswering.accept(request);
            return outcome;
        }
    }
}
