package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.invoice.InvoiceSummary;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.PaymentStore;
import org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.ForwardingInvoiceStore;
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
        List<InvoiceSummary> invoices = fixture.billing.invoices()
                .history(actor(company), company.id(), Scope.COMPANY_ONLY, PageRequest.first(10)).items();
        assertThat(invoices).hasSize(2);
        return invoices.get(0);
    }
}
