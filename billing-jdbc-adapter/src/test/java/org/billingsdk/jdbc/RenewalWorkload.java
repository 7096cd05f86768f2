package org.billingsdk.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.money.Monetary;
import javax.sql.DataSource;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.BillingMode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.invoice.Seller;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.testing.FakeEnvironments;
import org.javamoney.moneta.Money;

/**
 * A database seeded with monthly subscriptions whose second month starts at {@link #RENEWAL}, and
 * the queries that check a billing run over them: every period invoiced once, numbers gapless,
 * every invoice paid once.
 */
final class RenewalWorkload {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant RENEWAL = Instant.parse("2026-02-01T00:00:00Z");
    static final String SERIES = "INV-2026";
    static final Seller SELLER = Seller.of("ACME Security B.V.",
            Address.of("Herengracht 1", "1015 BA", "Amsterdam", "NL"), VatNumber.of("NL853746333B01"));

    final SimulatedPaymentProvider payments = new SimulatedPaymentProvider();
    final FakeEnvironments environments = new FakeEnvironments();

    /** A node: a Billing on its own storage (its own pool), sharing the provider and the environments. */
    Billing node(Storage storage) {
        return node(storage, 1);
    }

    /** {@link #node(Storage)} whose billing run has {@code workers} threads. */
    Billing node(Storage storage, int workers) {
        return Billing.builder()
                .billingRunWorkers(workers)
                .storage(storage)
                .environments(environments)
                .payments(payments)
                .seller(SELLER)
                .clock(Clock.fixed(START, ZoneOffset.UTC))
                .build();
    }

    /** Seeds {@code count} subscriptions over {@code companies} companies, each company with a card. */
    void seed(DataSource dataSource, int companies, int count) {
        Storage storage = JdbcStorage.forDataSource(dataSource);
        Billing billing = node(storage);
        billing.catalog().addProduct(new NewProduct("edr", "Endpoint Detection & Response", "EDR"));
        Plan plan = billing.catalog().addPlan(NewPlan.of("edr-monthly", "edr",
                Money.of(new BigDecimal("49.00"), Monetary.getCurrency("EUR")), BillingInterval.MONTHLY));
        List<Company> owners = new ArrayList<>();
        for (int c = 0; c < companies; c++) {
            Company company = billing.accounts().register(NewCompany.of("Customer " + c, "it@c" + c + ".example")
                    .withBillingDetails(BillingDetails.builder()
                            .billingAddress(Address.of("Damrak " + c, "1012 LG", "Amsterdam", "NL")).build()));
            Actor actor = Actor.of(company.id(), "seed");
            var setup = billing.paymentMethods().startSetup(actor, company.id(), SetupKind.CARD);
            billing.paymentMethods().completeSetup(actor, company.id(), setup.id());
            owners.add(company);
        }
        for (int from = 0; from < count; from += 1000) {
            int first = from;
            storage.inTransaction(() -> {
                for (int i = first; i < Math.min(count, first + 1000); i++) {
                    storage.subscriptions().insert(Subscription.subscribe(SubscriptionId.random(),
                            owners.get(i % companies).id(), plan, EnvironmentId.of("env-" + i), START)
                            .periodInvoiced(RENEWAL));
                }
                return null;
            });
        }
    }

    /**
     * Seeds one payer per entry of {@code childrenPerPayer}: a root company with a card and billing
     * day 1 that pays for that many children of its own, each child with {@code subscriptionsEach}
     * monthly subscriptions whose second month starts at {@link #RENEWAL}. The children and the
     * subscriptions are written straight to storage, in transactions of a thousand.
     *
     * @return the payers, in the order of {@code childrenPerPayer}
     */
    List<Company> seedPayers(DataSource dataSource, int subscriptionsEach, int... childrenPerPayer) {
        Storage storage = JdbcStorage.forDataSource(dataSource);
        Billing billing = node(storage);
        Plan plan = billing.catalog().plan(PlanId.of("edr-monthly"));
        List<Company> payers = new ArrayList<>();
        List<Company> children = new ArrayList<>();
        for (int p = 0; p < childrenPerPayer.length; p++) {
            Company payer = billing.accounts().register(NewCompany.of("Holding " + p, "it@h" + p + ".example")
                    .withBillingDetails(BillingDetails.builder()
                            .billingAddress(Address.of("Rokin " + p, "1012 KK", "Amsterdam", "NL")).build()));
            Actor actor = Actor.of(payer.id(), "seed");
            var setup = billing.paymentMethods().startSetup(actor, payer.id(), SetupKind.CARD);
            billing.paymentMethods().completeSetup(actor, payer.id(), setup.id());
            payer = billing.accounts().setBillingDay(actor, payer.id(), 1);
            payers.add(payer);
            for (int c = 0; c < childrenPerPayer[p]; c++) {
                children.add(new Company(CompanyId.random(), String.format("Client %d-%05d", p, c), payer.id(),
                        payer.id(), EmailAddress.of("it@client" + p + "-" + c + ".example"), null,
                        BillingMode.DIRECT, payer.id(), null, START, 0));
            }
        }
        for (int from = 0; from < children.size(); from += 1000) {
            List<Company> batch = children.subList(from, Math.min(children.size(), from + 1000));
            storage.inTransaction(() -> {
                for (Company child : batch) {
                    storage.companies().insert(child);
                    for (int s = 0; s < subscriptionsEach; s++) {
                        storage.subscriptions().insert(Subscription.subscribe(SubscriptionId.random(), child.id(),
                                plan, EnvironmentId.of("env-" + child.id() + "-" + s), START)
                                .periodInvoiced(RENEWAL));
                    }
                }
                return null;
            });
        }
        return payers;
    }

    /**
     * Runs the billing run at {@link #RENEWAL} on both nodes, released at the same moment.
     *
     * @return the two reports, node {@code a}'s first
     */
    static List<BillingRunReport> runAtOnce(Billing a, Billing b) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<BillingRunReport> runA = CompletableFuture.supplyAsync(() -> await(start, a));
        CompletableFuture<BillingRunReport> runB = CompletableFuture.supplyAsync(() -> await(start, b));
        start.countDown();
        return List.of(runA.get(5, TimeUnit.MINUTES), runB.get(5, TimeUnit.MINUTES));
    }

    private static BillingRunReport await(CountDownLatch start, Billing node) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return node.run(RENEWAL);
    }

    static long scalar(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
