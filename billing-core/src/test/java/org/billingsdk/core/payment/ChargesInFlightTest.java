package org.billingsdk.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.ForwardingPaymentProvider;
import org.junit.jupiter.api.Test;

/**
 * The billing run with several charges in flight ({@code Billing.Builder.chargesInFlight}), on the
 * in-memory storage (or the one a subclass gives): every invoice is charged once and recorded, the
 * calls of different companies overlap while a company's come one after the other, and the pace
 * the provider declares ({@code PaymentProvider.chargesPerSecond}) spaces the calls.
 */
public class ChargesInFlightTest {

    private static final Instant RENEWAL = Instant.parse("2026-02-15T10:00:00Z");

    /** A new, empty storage for each fixture; in memory here. */
    protected Storage newStorage() {
        return org.billingsdk.core.memory.InMemoryStorage.create();
    }

    /** Watches the charges: how many at once, per company at once, and when each started. */
    private static final class Watching extends ForwardingPaymentProvider {
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();
        private final Map<CustomerReference, AtomicInteger> perCustomer = new ConcurrentHashMap<>();
        private final AtomicInteger peakPerCustomer = new AtomicInteger();
        private final List<Long> starts = java.util.Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch overlap = new CountDownLatch(2);
        private final double rate;
        private volatile boolean watching;

        Watching(PaymentProvider delegate, double rate) {
            super(delegate);
            this.rate = rate;
        }

        @Override
        public double chargesPerSecond() {
            return rate;
        }

        @Override
        public ChargeOutcome charge(ChargeRequest request) {
            if (!watching) {
                return super.charge(request);
            }
            starts.add(System.nanoTime());
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            AtomicInteger mine = perCustomer.computeIfAbsent(request.customerReference(), c -> new AtomicInteger());
            peakPerCustomer.accumulateAndGet(mine.incrementAndGet(), Math::max);
            try {
                overlap.countDown();
                // The first two calls wait for each other (for at most a while): with calls in flight
                // they overlap; one after the other, the first waits in vain and the peak stays 1.
                overlap.await(rate > 0 ? 0 : 2, TimeUnit.SECONDS);
                Thread.sleep(10);
                return super.charge(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ChargeOutcome.Unknown("interrupted");
            } finally {
                mine.decrementAndGet();
                inFlight.decrementAndGet();
            }
        }
    }

    private record Run<P>(BillingFixture fixture, P provider, List<Company> companies) {
    }

    /** Companies of three monthly subscriptions each, on {@code builder}'s fixture with its provider wrapped. */
    private <P extends PaymentProvider> Run<P> companiesWithThreeSubscriptionsEach(int companies,
            BillingFixture.Builder builder, Function<SimulatedPaymentProvider, P> wrap) {
        List<P> provider = new ArrayList<>(1);
        BillingFixture fixture = builder.storage(newStorage()).payments(simulated -> {
            P wrapped = wrap.apply(simulated);
            provider.add(wrapped);
            return wrapped;
        }).build();
        List<Company> made = new ArrayList<>();
        for (int c = 0; c < companies; c++) {
            Company company = fixture.root("Company " + c);
            made.add(company);
            for (int s = 0; s < 3; s++) {
                fixture.billing.subscriptions().subscribe(actor(company), company.id(), fixture.monthly.id());
            }
        }
        return new Run<>(fixture, provider.get(0), made);
    }

    private Run<Watching> companiesWithThreeSubscriptionsEach(int companies, int inFlight, double rate) {
        return companiesWithThreeSubscriptionsEach(companies, BillingFixture.builder().chargesInFlight(inFlight),
                simulated -> new Watching(simulated, rate));
    }

    private static List<Invoice> renewals(Run<?> run) {
        return run.fixture().storage.invoices().findByCompanies(run.companies().stream().map(Company::id).toList(),
                null, 1000).stream().filter(invoice -> invoice.lines().get(0).periodStart().equals(RENEWAL)).toList();
    }

    @Test
    void withCallsInFlightEveryInvoiceIsChargedOnceAndACompanysChargesComeOneAfterTheOther() {
        Run<Watching> run = companiesWithThreeSubscriptionsEach(6, 8, 0);
        run.fixture().clock.set(RENEWAL);
        run.provider().watching = true;

        BillingRunReport report = run.fixture().billing.run(RENEWAL);

        List<Invoice> renewals = renewals(run);
        assertThat(renewals).hasSize(18).allSatisfy(invoice -> {
            assertThat(invoice.state()).isEqualTo(InvoiceState.PAID);
            assertThat(run.fixture().payments.capturedFor(invoice.id()))
                    .isEqualByComparingTo(invoice.total().getNumber().numberValueExact(BigDecimal.class));
        });
        assertThat(report.paymentsSucceeded()).isEqualTo(18);
        assertThat(run.provider().starts).hasSize(18);
        assertThat(run.provider().peak.get()).as("calls in flight at once").isBetween(2, 8);
        assertThat(run.provider().peakPerCustomer.get()).as("one company's calls at once").isEqualTo(1);
    }

    @Test
    void oneAfterTheOtherWithOneInFlight() {
        Run<Watching> run = companiesWithThreeSubscriptionsEach(3, 1, 0);
        run.fixture().clock.set(RENEWAL);
        run.provider().watching = true;

        run.fixture().billing.run(RENEWAL);

        assertThat(renewals(run)).hasSize(9).allSatisfy(invoice -> assertThat(invoice.state())
                .isEqualTo(InvoiceState.PAID));
        assertThat(run.provider().peak.get()).isEqualTo(1);
    }

    @Test
    void theRateTheProviderDeclaresPacesTheCalls() {
        Run<Watching> run = companiesWithThreeSubscriptionsEach(4, 8, 40);
        run.fixture().clock.set(RENEWAL);
        run.provider().watching = true;

        long begin = System.nanoTime();
        run.fixture().billing.run(RENEWAL);
        long took = System.nanoTime() - begin;

        // 12 calls at 40 a second: the 12th waits for its turn 11 x 25 ms after the first's, at the
        // earliest (a slow machine only makes it later); without the pace 8 at once take ~30 ms
        assertThat(run.provider().starts).hasSize(12);
        assertThat(took).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(11 * 25));
        assertThat(renewals(run)).allSatisfy(invoice -> assertThat(invoice.state()).isEqualTo(InvoiceState.PAID));
    }

    /**
     * Holds the first charge made once armed: tells the test it began, then waits for the test to
     * let it go (at most 20 s), and only then charges at the provider, like a provider that hangs
     * past its own time-outs and answers late.
     */
    private static final class Holding extends ForwardingPaymentProvider {
        private final CountDownLatch began = new CountDownLatch(1);
        private final CountDownLatch letGo = new CountDownLatch(1);
        private final AtomicInteger held = new AtomicInteger();
        private final List<InvoiceId> charged = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean armed;
        private volatile InvoiceId heldInvoice;
        private volatile Runnable onHold = () -> { };

        Holding(PaymentProvider delegate) {
            super(delegate);
        }

        @Override
        public ChargeOutcome charge(ChargeRequest request) {
            if (armed && held.getAndIncrement() == 0) {
                heldInvoice = request.invoiceId();
                began.countDown();
                onHold.run();
                try {
                    letGo.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            charged.add(request.invoiceId());
            return super.charge(request);
        }
    }

    private Run<Holding> companiesWithAHoldingProvider(int companies, Duration timeout) {
        return companiesWithThreeSubscriptionsEach(companies,
                BillingFixture.builder().chargesInFlight(8).chargeTimeout(timeout), Holding::new);
    }

    /** The run after the attempts' claims have lapsed reconciles what was left under the same keys. */
    private static void reconcileLater(Run<Holding> held) {
        Instant later = RENEWAL.plus(BillingTerms.RECONCILE_UNKNOWN_AFTER).plusSeconds(60);
        held.fixture().clock.set(later);
        held.fixture().billing.run(later);
    }

    private static void everyRenewalPaidOnceAtTheProvider(Run<Holding> held) {
        List<Invoice> renewals = renewals(held);
        assertThat(renewals).hasSize(3 * held.companies().size()).allSatisfy(invoice -> {
            assertThat(invoice.state()).isEqualTo(InvoiceState.PAID);
            assertThat(held.fixture().payments.capturedFor(invoice.id())).as("captured once")
                    .isEqualByComparingTo(invoice.total().getNumber().numberValueExact(BigDecimal.class));
        });
    }

    @Test
    void aChargeThatHangsPastTheTimeOutIsNotWaitedForItsAttemptStaysClaimedAndALaterRunChargesItOnce() {
        Run<Holding> held = companiesWithAHoldingProvider(4, Duration.ofSeconds(1));
        held.fixture().clock.set(RENEWAL);
        held.provider().armed = true;

        BillingRunReport report = held.fixture().billing.run(RENEWAL);

        // The run ended while the held charge still hangs; its company's two later invoices were not
        // charged (a company's charges come one after the other); the other companies' were.
        assertThat(held.provider().letGo.getCount()).as("the held charge is still hanging").isEqualTo(1);
        InvoiceId heldInvoice = held.provider().heldInvoice;
        Invoice hanging = held.fixture().storage.invoices().findById(heldInvoice).orElseThrow();
        List<Invoice> ofItsCompany = renewals(held).stream()
                .filter(invoice -> invoice.companyId().equals(hanging.companyId())).toList();
        assertThat(ofItsCompany).hasSize(3).allSatisfy(invoice -> {
            assertThat(invoice.state()).isEqualTo(InvoiceState.OPEN);
            assertThat(invoice.paymentAttempts()).as("claimed").isEqualTo(1);
        });
        assertThat(report.paymentsSucceeded()).isEqualTo(9);
        assertThat(report.paymentsOutstanding()).isZero();

        held.provider().letGo.countDown(); // it answers late: the charge is made at the provider
        reconcileLater(held);

        everyRenewalPaidOnceAtTheProvider(held);
        assertThat(held.fixture().payments.distinctCharges()).isEqualTo(2 * 12);
    }

    @Test
    void anInterruptWhileChargesAreInFlightStopsTheRunLeavesThemClaimedAndALaterRunChargesEachOnce() {
        Run<Holding> held = companiesWithAHoldingProvider(4, Duration.ofMinutes(1));
        held.fixture().clock.set(RENEWAL);
        Thread caller = Thread.currentThread();
        held.provider().onHold = caller::interrupt; // a host shutting down while a charge is in flight
        held.provider().armed = true;

        try {
            held.fixture().billing.run(RENEWAL);
        } finally {
            assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
        }

        assertThat(held.provider().letGo.getCount()).as("the charge in flight was not waited for").isEqualTo(1);
        assertThat(held.fixture().storage.invoices().findById(held.provider().heldInvoice).orElseThrow().state())
                .isEqualTo(InvoiceState.OPEN);

        held.provider().letGo.countDown();
        reconcileLater(held);

        everyRenewalPaidOnceAtTheProvider(held);
        assertThat(held.fixture().payments.distinctCharges()).isEqualTo(2 * 12);
    }
}
