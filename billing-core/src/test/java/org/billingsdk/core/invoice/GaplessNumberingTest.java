package org.billingsdk.core.invoice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.PortException;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.event.InvoiceIssued;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.port.ErasureOutcome;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.FakeEnvironments;
import org.billingsdk.core.testing.ForwardingInvoiceStore;
import org.billingsdk.core.testing.ForwardingPaymentProvider;
import org.billingsdk.core.testing.ForwardingStorage;
import org.billingsdk.core.testing.RecordingEventSink;
import org.billingsdk.core.testing.Threads;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;


/**
 * Invoice numbers under real concurrency: every finalized invoice takes the next number of its
 * series, and the numbers of all issued invoices are exactly 1..N, also when some operations fail
 * half-way.
 */
public class GaplessNumberingTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 6;
    private static final int COMPANIES = THREADS * PER_THREAD;

    /**
     * A new, empty storage for each fixture this test builds; in memory here, overridden by the
     * storage adapters' test suites to run the same tests on their storage.
     */
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }

    private static <T> List<T> concurrently(IntFunction<T> work) throws Exception {
        return Threads.concurrently(THREADS, work);
    }

    private static List<Invoice> allInvoices(Storage storage, Collection<CompanyId> companies) {
        return storage.inTransaction(() -> storage.invoices().findByCompanies(companies, null, 10_000));
    }

    private static List<Long> sortedSequences(List<Invoice> invoices, String series) {
        assertThat(invoices).allSatisfy(invoice -> assertThat(invoice.number().series()).isEqualTo(series));
        return invoices.stream().map(invoice -> invoice.number().sequence()).sorted().toList();
    }

    private static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void concurrentSubscriptionsNumberTheirInvoicesOneToNWithoutGapOrDuplicate() throws Exception {
        BillingFixture fixture = BillingFixture.on(newStorage());
        List<Company> companies = IntStream.range(0, COMPANIES).mapToObj(i -> fixture.root("Customer " + i)).toList();

        concurrently(thread -> {
            for (int i = 0; i < PER_THREAD; i++) {
                Company company = companies.get(thread * PER_THREAD + i);
                fixture.billing.subscriptions().subscribe(actor(company), company.id(), fixture.monthly.id());
            }
            return null;
        });

        List<Invoice> invoices = allInvoices(fixture.storage, companies.stream().map(Company::id).toList());
        assertThat(invoices).hasSize(COMPANIES);
        assertThat(sortedSequences(invoices, "INV-2026")).isEqualTo(oneTo(COMPANIES));
        assertThat(invoices).allSatisfy(invoice -> assertThat(invoice.state()).isEqualTo(InvoiceState.PAID));
        assertThat(fixture.events.eventsOf(InvoiceIssued.class)).extracting(InvoiceIssued::number)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(invoices.stream().map(Invoice::number).toList());
    }

    @Test
    void concurrentBillingRunsOnSeveralNodesInvoiceEachPeriodOnceAndKeepNumbersGapless() throws Exception {
        BillingFixture fixture = BillingFixture.on(newStorage());
        List<Company> companies = IntStream.range(0, 20).mapToObj(i -> fixture.root("Customer " + i)).toList();
        List<Subscription> subscriptions = companies.stream().map(company -> fixture.billing.subscriptions()
                .subscribe(actor(company), company.id(), fixture.monthly.id())).toList();
        Instant renewal = Instant.parse("2026-02-15T10:00:00Z");
        fixture.clock.set(renewal);

        List<BillingRunReport> reports = concurrently(node -> fixture.billing.run(renewal));

        assertThat(reports.stream().mapToInt(BillingRunReport::invoicesIssued).sum()).isEqualTo(20);
        List<Invoice> invoices = allInvoices(fixture.storage, companies.stream().map(Company::id).toList());
        assertThat(invoices).hasSize(40);
        assertThat(sortedSequences(invoices, "INV-2026")).isEqualTo(oneTo(40));
        Map<SubscriptionId, Long> perSubscription = invoices.stream()
                .collect(Collectors.groupingBy(invoice -> invoice.lines().get(0).subscriptionId(), Collectors.counting()));
        assertThat(perSubscription).hasSize(20).allSatisfy((id, count) -> assertThat(count).isEqualTo(2L));
        assertThat(subscriptions).allSatisfy(subscription -> assertThat(fixture.storage.subscriptions()
                .findById(subscription.id()).orElseThrow().invoicedThrough())
                .isEqualTo(Instant.parse("2026-03-15T10:00:00Z")));
        assertThat(fixture.payments.distinctCharges()).as("each invoice charged once").isEqualTo(40);
    }

    @Test
    void aRunOfFourWorkersInvoicesEachPeriodOnceWithGaplessNumbersAndReportsItsProgressOneCallAtATime() {
        BillingFixture fixture = BillingFixture.builder().storage(newStorage()).billingRunWorkers(4).build();
        List<Company> companies = IntStream.range(0, 20).mapToObj(i -> fixture.root("Customer " + i)).toList();
        int subscriptions = 1_600;
        for (int i = 0; i < subscriptions; i++) {
            Company company = companies.get(i % companies.size());
            fixture.billing.subscriptions().subscribe(actor(company), company.id(), fixture.monthly.id());
        }
        Instant renewal = Instant.parse("2026-02-15T10:00:00Z");
        fixture.clock.set(renewal);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger inProgress = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();

        BillingRunReport report = fixture.billing.run(renewal, progress -> {
            if (inProgress.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            threads.add(Thread.currentThread().getName());
            inProgress.decrementAndGet();
        });

        assertThat(report.subscriptionsExamined()).isEqualTo(subscriptions);
        assertThat(report.invoicesIssued()).isEqualTo(subscriptions);
        assertThat(report.paymentsSucceeded()).isEqualTo(subscriptions);
        assertThat(report.failures()).isZero();
        assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("billing-run-worker-"));
        assertThat(overlaps).hasValue(0);
        List<Invoice> invoices = allInvoices(fixture.storage, companies.stream().map(Company::id).toList());
        assertThat(sortedSequences(invoices, "INV-2026")).isEqualTo(oneTo(2L * subscriptions));
        Map<SubscriptionId, Long> perSubscription = invoices.stream()
                .collect(Collectors.groupingBy(invoice -> invoice.lines().get(0).subscriptionId(), Collectors.counting()));
        assertThat(perSubscription).hasSize(subscriptions).allSatisfy((id, count) -> assertThat(count).isEqualTo(2L));
        assertThat(fixture.payments.distinctCharges()).as("each invoice charged once").isEqualTo(2 * subscriptions);
        assertThat(fixture.billing.run(renewal).invoicesIssued()).as("a second run finds nothing due").isZero();
    }

    @Test
    void subscriptionsFailingMidWayLoseNoNumber() throws Exception {
        Flaky flaky = new Flaky(newStorage());
        List<Company> companies = IntStream.range(0, COMPANIES).mapToObj(i -> flaky.customer("Customer " + i)).toList();
        // i % 6: 0 ok; 1 provisioning fails (before any number); 2 the invoice cannot be stored after
        // its number was taken (the subscription fails); 3 the invoice's first store loses a race and the
        // whole write is retried; 4 the charge throws after the invoice was committed; 5 ok
        for (int i = 0; i < COMPANIES; i++) {
            CompanyId id = companies.get(i).id();
            switch (i % 6) {
                case 1 -> flaky.environments.failFor.add(id);
                case 2 -> flaky.storage.insertFailsFor.add(id);
                case 3 -> flaky.storage.insertLosesRaceOnceFor.add(id);
                case 4 -> flaky.payments.chargeThrowsFor.add(id);
                default -> {
                }
            }
        }

        List<List<Optional<Subscription>>> results = concurrently(thread -> {
            List<Optional<Subscription>> outcomes = new ArrayList<>();
            for (int i = 0; i < PER_THREAD; i++) {
                Company company = companies.get(thread * PER_THREAD + i);
                try {
                    outcomes.add(Optional.of(flaky.billing.subscriptions()
                            .subscribe(actor(company), company.id(), flaky.monthly.id())));
                } catch (PortException | IllegalStateException e) {
                    outcomes.add(Optional.empty());
                }
            }
            return outcomes;
        });

        long subscribed = results.stream().flatMap(List::stream).filter(Optional::isPresent).count();
        assertThat(subscribed).isEqualTo(COMPANIES - 2L * COMPANIES / 6);
        List<Invoice> invoices = allInvoices(flaky.storage, companies.stream().map(Company::id).toList());
        assertThat(invoices).hasSize((int) subscribed);
        assertThat(sortedSequences(invoices, "INV-2026")).isEqualTo(oneTo(subscribed));
        assertThat(flaky.events.eventsOf(InvoiceIssued.class)).extracting(InvoiceIssued::number)
                .as("every number announced belongs to a stored invoice")
                .containsExactlyInAnyOrderElementsOf(invoices.stream().map(Invoice::number).toList());
        assertThat(invoices).filteredOn(invoice -> flaky.payments.chargeThrowsFor.contains(invoice.companyId()))
                .hasSize(COMPANIES / 6)
                .allSatisfy(invoice -> assertThat(invoice.state()).isEqualTo(InvoiceState.OPEN));
        assertThat(flaky.storage.insertLosesRaceOnceFor).as("every lost race was retried").isEmpty();

        Company late = companies.get(0);
        flaky.billing.subscriptions().subscribe(actor(late), late.id(), flaky.monthly.id());
        List<Invoice> after = allInvoices(flaky.storage, companies.stream().map(Company::id).toList());
        assertThat(sortedSequences(after, "INV-2026")).isEqualTo(oneTo(subscribed + 1));
    }

    @Test
    void aZeroTotalInvoiceIsNotIssuedAndUsesNoNumber() {
        BillingFixture fixture = BillingFixture.on(newStorage());
        Plan free = fixture.billing.catalog().addPlan(NewPlan.of("edr-free", "edr", eur("0.00"), BillingInterval.MONTHLY));
        Company acme = fixture.root("Acme");

        Subscription freeSubscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), free.id());
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        Instant renewal = Instant.parse("2026-02-15T10:00:00Z");
        fixture.clock.set(renewal);
        fixture.billing.run(renewal);

        List<Invoice> invoices = allInvoices(fixture.storage, List.of(acme.id()));
        assertThat(invoices).extracting(invoice -> invoice.number().toString())
                .containsExactlyInAnyOrder("INV-2026-000001", "INV-2026-000002");
        assertThat(invoices).allSatisfy(invoice -> assertThat(invoice.lines().get(0).subscriptionId())
                .isNotEqualTo(freeSubscription.id()));
        assertThat(fixture.storage.subscriptions().findById(freeSubscription.id()).orElseThrow().invoicedThrough())
                .as("the free periods are passed, not billed").isEqualTo(Instant.parse("2026-03-15T10:00:00Z"));
    }

    /** A Billing whose storage, environments and payments fail for chosen companies. */
    private static final class Flaky {
        final FlakyStorage storage;
        final FlakyEnvironments environments;
        final FlakyPayments payments;
        final RecordingEventSink events;
        final Billing billing;
        final Plan monthly;

        Flaky(Storage storage) {
            BillingFixture fixture = BillingFixture.builder().storage(new FlakyStorage(storage))
                    .environments(FlakyEnvironments::new).payments(FlakyPayments::new).withoutCatalog().build();
            this.storage = (FlakyStorage) fixture.storage;
            this.environments = (FlakyEnvironments) fixture.environmentsPort;
            this.payments = (FlakyPayments) fixture.paymentsPort;
            this.events = fixture.events;
            this.billing = fixture.billing;
            billing.catalog().addProduct(new NewProduct("edr", "Endpoint Detection & Response", "Detects threats."));
            monthly = billing.catalog().addPlan(NewPlan.of("edr-monthly", "edr", eur("49.00"), BillingInterval.MONTHLY));
        }

        Company customer(String name) {
            Company company = billing.accounts().register(NewCompany.of(name,
                    name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "@example.com")
                    .withBillingDetails(BillingDetails.builder()
                            .billingAddress(Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL")).build()));
            SetupSession setup = billing.paymentMethods().startSetup(actor(company), company.id(), SetupKind.CARD);
            billing.paymentMethods().completeSetup(actor(company), company.id(), setup.id());
            return company;
        }
    }

    private static final class FlakyEnvironments implements ProductEnvironments {
        final FakeEnvironments delegate;
        final Set<CompanyId> failFor = ConcurrentHashMap.newKeySet();

        FlakyEnvironments(FakeEnvironments delegate) {
            this.delegate = delegate;
        }

        @Override
        public EnvironmentId provision(SubscriptionId subscription, CompanyId company, ProductCode product) {
            if (failFor.contains(company)) {
                throw new IllegalStateException("provisioning service unavailable");
            }
            return delegate.provision(subscription, company, product);
        }

        @Override
        public ErasureOutcome decommissionAndErase(EnvironmentId environment, SubscriptionId subscription) {
            return delegate.decommissionAndErase(environment, subscription);
        }
    }

    private static final class FlakyPayments extends ForwardingPaymentProvider {
        final Set<CompanyId> chargeThrowsFor = ConcurrentHashMap.newKeySet();
        private final Map<CustomerReference, CompanyId> companyByCustomer = new ConcurrentHashMap<>();

        FlakyPayments(SimulatedPaymentProvider delegate) {
            super(delegate);
        }

        @Override
        public CustomerReference syncCustomer(CustomerProfile profile, Optional<CustomerReference> existing) {
            CustomerReference reference = delegate.syncCustomer(profile, existing);
            companyByCustomer.put(reference, profile.companyId());
            return reference;
        }

        @Override
        public ChargeOutcome charge(ChargeRequest request) {
            CompanyId company = companyByCustomer.get(request.customerReference());
            if (company != null && chargeThrowsFor.contains(company)) {
                throw new IllegalStateException("connection reset");
            }
            return delegate.charge(request);
        }
    }

    /** A storage whose invoice inserts fail for chosen companies. */
    private static final class FlakyStorage extends ForwardingStorage {
        final Set<CompanyId> insertFailsFor = ConcurrentHashMap.newKeySet();
        final Set<CompanyId> insertLosesRaceOnceFor = ConcurrentHashMap.newKeySet();
        private final InvoiceStore invoices;

        FlakyStorage(Storage delegate) {
            super(delegate);
            this.invoices = new ForwardingInvoiceStore(delegate.invoices()) {
                @Override
                public Invoice insert(Invoice invoice) {
                    breakFor(invoice);
                    return super.insert(invoice);
                }

                @Override
                public List<Invoice> insertAll(List<Invoice> invoices) {
                    invoices.forEach(FlakyStorage.this::breakFor);
                    return super.insertAll(invoices);
                }
            };
        }

        private void breakFor(Invoice invoice) {
            if (insertFailsFor.contains(invoice.companyId())) {
                throw new IllegalStateException("invoice table unavailable");
            }
            if (insertLosesRaceOnceFor.remove(invoice.companyId())) {
                throw new ConcurrentUpdateException(EntityKind.INVOICE, invoice.id(), 0);
            }
        }

        @Override
        public InvoiceStore invoices() {
            return invoices;
        }
    }
}
