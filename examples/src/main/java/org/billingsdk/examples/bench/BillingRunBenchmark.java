package org.billingsdk.examples.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
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
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.invoice.Seller;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatRates;
import org.billingsdk.core.tax.VatRules;
import org.javamoney.moneta.Money;

/**
 * Billing-run throughput: N monthly subscriptions due for renewal, renewed by one
 * {@code billing.run(now)} (each renewal issues a numbered invoice with VAT and charges it through
 * the simulated provider), beside a baseline measured in the same process: the same invoices built
 * and kept in a map without the SDK (no transactions, events, audit or payments).
 *
 * <p>Usage: {@code BillingRunBenchmark [subscriptions] [memory|streaming]}. With {@code streaming}
 * the subscriptions come from a storage that generates them and keeps only what is still open,
 * like a database would: it shows that the run itself holds one page at a time.
 */
public final class BillingRunBenchmark {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant RENEWAL = Instant.parse("2026-02-01T00:00:00Z");
    private static final int COMPANIES = 1_000;
    /** Renewals run before the measured run, so that it is measured compiled, as the baseline is. */
    private static final int WARM_UP = 200_000;

    /**
     * Runs the benchmark and prints its figures.
     *
     * @param args the number of subscriptions (underscores allowed, {@code 100_000} by default),
     *     then {@code memory} (the default) or {@code streaming}
     */
    public static void main(String[] args) {
        int subscriptions = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
        String storageKind = args.length > 1 ? args[1] : "memory";
        System.out.printf("Billing run benchmark: %,d subscriptions on %s storage, max heap %d MiB, %d cores, "
                + "collector %s%n", subscriptions, storageKind, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName).toList());

        Seller seller = Seller.of("ACME Security B.V.", Address.of("Herengracht 1", "1015 BA", "Amsterdam", "NL"),
                VatNumber.of("NL853746333B01"));
        double baselineRate = baseline(Math.min(subscriptions, 200_000), seller);

        int warmUp = WARM_UP;
        Storage warmUpStorage = new StreamingStorage(warmUp);
        Billing warmUpBilling = billing(warmUpStorage, seller);
        seed(warmUpBilling, warmUpStorage, warmUp);
        warmUpBilling.run(RENEWAL);
        System.out.printf("warm-up (as the baseline has): a run of %,d renewals, not measured%n", warmUp);

        Storage storage = storageKind.equals("streaming") ? new StreamingStorage(subscriptions)
                : InMemoryStorage.create();
        Billing billing = billing(storage, seller);
        Plan plan = seed(billing, storage, subscriptions);

        System.gc();
        resetPeakHeap();
        long begin = System.nanoTime();
        BillingRunReport report = billing.run(RENEWAL, new Progress(subscriptions));
        double seconds = (System.nanoTime() - begin) / 1e9;
        long peakHeap = peakHeap();

        double rate = report.invoicesIssued() / seconds;
        System.out.printf("billing run: %,d renewals invoiced and %,d paid in %.2f s = %,.0f renewals/s%n",
                report.invoicesIssued(), report.paymentsSucceeded(), seconds, rate);
        System.out.printf("baseline (same invoices built without the SDK): %,.0f invoices/s%n", baselineRate);
        System.out.printf("ratio billing run / baseline: %.3f%n", rate / baselineRate);
        System.out.printf("peak heap during the run: %,d MiB (plan %s, report %s)%n", peakHeap >> 20, plan.id(),
                report);
        if (report.invoicesIssued() != subscriptions || report.paymentsSucceeded() != subscriptions) {
            throw new IllegalStateException("every subscription must be renewed and paid once: " + report);
        }
    }

    /** An SDK on {@code storage}, its payments and environments answering at once, its clock at the start. */
    private static Billing billing(Storage storage, Seller seller) {
        return Billing.builder()
                .storage(storage)
                .environments(new NamedEnvironments())
                .payments(new InstantProvider())
                .seller(seller)
                .clock(Clock.fixed(START, ZoneOffset.UTC))
                .build();
    }

    /** Builds the same invoices as the run without the SDK, keeping them in a map; invoices per second. */
    private static double baseline(int count, Seller seller) {
        VatRules vat = new VatRules(CountryCode.of("NL"), VatRates.euStandardRates());
        Money price = Money.of(new BigDecimal("49.00"), Monetary.getCurrency("EUR"));
        Party sellerParty = new Party(seller.name(), null, seller.vatNumber(), seller.address());
        Party buyer = new Party("Customer", EmailAddress.of("billing@customer.example"), null,
                Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL"));
        for (int round = 0; round < 2; round++) {
            Map<InvoiceId, Invoice> kept = new HashMap<>();
            long begin = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                TaxLine tax = vat.taxFor(price, CountryCode.of("NL"), Optional.empty());
                InvoiceLine line = new InvoiceLine(org.billingsdk.core.catalog.ProductCode.of("edr"), "EDR",
                        SubscriptionId.random(), org.billingsdk.core.catalog.PlanId.of("edr-monthly"), RENEWAL,
                        RENEWAL.plusSeconds(2_419_200), 1, price, price, tax);
                MonetaryAmount total = price.add(tax.amount());
                Invoice invoice = new Invoice(InvoiceId.random(), org.billingsdk.core.company.CompanyId.random(),
                        new InvoiceNumber("INV-2026", i), InvoiceState.OPEN, sellerParty, buyer, List.of(line), price,
                        tax.amount(), total, price.multiply(0), total, RENEWAL, RENEWAL, null, 0, RENEWAL, 1);
                kept.put(invoice.id(), invoice);
            }
            double rate = count / ((System.nanoTime() - begin) / 1e9);
            if (round == 1) {
                return rate;
            }
        }
        throw new AssertionError();
    }

    /** A product, a plan, companies with a card each, and subscriptions whose second month is due. */
    private static Plan seed(Billing billing, Storage storage, int subscriptions) {
        billing.catalog().addProduct(new NewProduct("edr", "Endpoint Detection & Response", "EDR"));
        Plan plan = billing.catalog().addPlan(NewPlan.of("edr-monthly", "edr",
                Money.of(new BigDecimal("49.00"), Monetary.getCurrency("EUR")), BillingInterval.MONTHLY));
        List<Company> companies = new ArrayList<>();
        for (int c = 0; c < COMPANIES; c++) {
            Company company = billing.accounts().register(NewCompany.of("Customer " + c, "it@c" + c + ".example")
                    .withBillingDetails(BillingDetails.builder()
                            .billingAddress(Address.of("Damrak " + c, "1012 LG", "Amsterdam", "NL")).build()));
            Actor actor = Actor.of(company.id(), "seed");
            var setup = billing.paymentMethods().startSetup(actor, company.id(), SetupKind.CARD);
            billing.paymentMethods().completeSetup(actor, company.id(), setup.id());
            companies.add(company);
        }
        if (storage instanceof StreamingStorage streaming) {
            streaming.generate(companies, plan, START, RENEWAL);
            return plan;
        }
        long begin = System.nanoTime();
        storage.inTransaction(() -> {
            for (int i = 0; i < subscriptions; i++) {
                Company company = companies.get(i % COMPANIES);
                storage.subscriptions().insert(Subscription.subscribe(SubscriptionId.random(), company.id(), plan,
                        EnvironmentId.of("env-" + i), START).periodInvoiced(RENEWAL));
            }
            return null;
        });
        System.out.printf("seeded %,d subscriptions in %.1f s%n", subscriptions, (System.nanoTime() - begin) / 1e9);
        return plan;
    }

    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
