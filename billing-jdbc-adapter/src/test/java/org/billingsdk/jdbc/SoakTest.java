package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.jdbc.DatabaseInvariants.check;
import static org.billingsdk.jdbc.RenewalWorkload.SELLER;
import static org.billingsdk.jdbc.RenewalWorkload.scalar;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.subscription.CancelResult;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.ReactivateResult;
import org.billingsdk.core.subscription.RemoveCancellationResult;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.testing.MutableClock;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * A bounded soak on a real PostgreSQL (part of issue #7): two nodes, each with its own pool,
 * serve random portal operations from worker threads while a coordinator moves one shared clock
 * forward a month at a time and runs the billing run on both nodes at once. Afterwards the
 * database is checked for the invariants no interleaving may break.
 */
class SoakTest {

    private static final long SEED = Long.getLong("soak.seed", 20260107L);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int COMPANIES = 30;
    private static final int SUBSCRIPTIONS = 300;
    private static final int WORKERS = 4;
    private static final int STEPS = 12;
    private static final int OPERATIONS = 3_000;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(40);
    private static final List<PlanId> PLANS = SoakKit.PLANS;

    private static final List<String> KINDS = List.of("subscribe", "cancel", "removeScheduledCancellation",
            "reactivate", "updateBillingDetails", "portalView", "creditToBalance", "billingHistory");

    private final MutableClock clock = MutableClock.at(START);
    private final RenewalWorkload shared = new RenewalWorkload();
    private List<Company> companies;
    private final java.util.Map<SubscriptionId, CompanyId> owners = new java.util.concurrent.ConcurrentHashMap<>();

    private final AtomicInteger operations = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger lostRaces = new AtomicInteger();
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicLong runFailures = new AtomicLong();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    @Test
    void randomPortalOperationsBesideBillingRunsOnTwoNodesKeepEveryInvariant() throws Exception {
        long began = System.nanoTime();
        DataSource poolA = TestDatabases.postgres();
        try (HikariDataSource poolB = TestDatabases.secondPostgresPool()) {
            Billing a = node(poolA);
            Billing b = node(poolB);
            seed(a, b);

            ExecutorService executor = Executors.newFixedThreadPool(WORKERS + 2);
            try {
                int perWorkerPerStep = OPERATIONS / STEPS / WORKERS;
                for (int step = 1; step <= STEPS && System.nanoTime() - began < DEADLINE_NANOS; step++) {
                    clock.set(START.atZone(ZoneOffset.UTC).plusMonths(step).toInstant());
                    Instant now = clock.instant();
                    owners.putAll(SoakKit.owners(poolA));
                    List<SubscriptionId> subscriptions = List.copyOf(owners.keySet());
                    List<Callable<Void>> tasks = new ArrayList<>();
                    for (int w = 0; w < WORKERS; w++) {
                        Billing node = w % 2 == 0 ? a : b;
                        Random random = new Random(SEED * 31 + step * 101L + w);
                        tasks.add(() -> {
                            for (int i = 0; i < perWorkerPerStep && System.nanoTime() - began < DEADLINE_NANOS; i++) {
                                operate(node, random, subscriptions);
                            }
                            return null;
                        });
                    }
                    tasks.add(() -> run(a, now));
                    tasks.add(() -> run(b, now));
                    SoakKit.runTogether(executor, tasks);
                }
            } finally {
                executor.shutdownNow();
            }
            // A final, quiet run on each node: whatever a race left for the next run is done now.
            clock.advance(java.time.Duration.ofDays(1));
            BillingRunReport finalA = a.run(clock.instant());
            BillingRunReport finalB = b.run(clock.instant());
            runs.addAndGet(2);
            assertThat(finalA.failures() + finalB.failures()).as("failures of the final, quiet runs").isZero();
        }

        List<String> violations = violations(poolA);
        long invoices = scalar(poolA, "SELECT count(*) FROM billing_invoice");
        long payments = scalar(poolA, "SELECT count(*) FROM billing_payment WHERE status = 'SUCCEEDED'");
        long cancelled = scalar(poolA, "SELECT count(*) FROM billing_subscription WHERE state = 'CANCELLED'");
        long creditNotes = scalar(poolA, "SELECT count(*) FROM billing_credit_note");
        long applied = scalar(poolA, "SELECT count(*) FROM billing_invoice WHERE credit_applied > 0");
        System.out.printf("soak: credit notes %d, invoices with credit applied %d%n", creditNotes, applied);
        System.out.printf("soak: operations %d (refusals %d, lost races %d), runs %d on 2 nodes, invoices %d, "
                + "payments %d, cancelled %d, violations found: %d%n", operations.get(), refusals.get(),
                lostRaces.get(), runs.get(), invoices, payments, cancelled, violations.size());
        java.util.Map<String, Long> failedByKind = new java.util.TreeMap<>();
        for (String failure : unexpected) {
            failedByKind.merge(failure.substring(0, failure.indexOf(" on ")) + " -> "
                    + failure.substring(failure.indexOf(": ") + 2).replaceAll(":.*", ""), 1L, Long::sum);
        }
        System.out.printf("soak: seed %d, operations failed unexpectedly %d %s, run failures during the soak"
                + " (retried by later runs) %d, %.1f s%n", SEED, unexpected.size(), failedByKind, runFailures.get(),
                (System.nanoTime() - began) / 1e9);
        assertThat(unexpected).as("operations that failed unexpectedly (seed %d)", SEED).isEmpty();
        assertThat(violations).as("invariant violations (seed %d)", SEED).isEmpty();
        assertThat(invoices).isPositive();
        assertThat(cancelled).isPositive();
    }

    private Billing node(DataSource dataSource) {
        return Billing.builder()
                .storage(JdbcStorage.forDataSource(dataSource))
                .environments(shared.environments)
                .payments(shared.payments)
                .seller(SELLER)
                .clock(clock)
                .build();
    }

    /** 30 companies (a third roots, the rest children or grandchildren), each with a card, and 300 subscriptions. */
    private void seed(Billing a, Billing b) {
        SoakKit.addCatalog(a, 3);
        Random random = new Random(SEED);
        companies = SoakKit.registerTrees(a, COMPANIES, random, SoakTest::details);
        for (Company company : companies) {
            Actor actor = Actor.of(company.id(), "seed");
            var setup = a.paymentMethods().startSetup(actor, company.id(), SetupKind.CARD);
            a.paymentMethods().completeSetup(actor, company.id(), setup.id());
        }
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            Company company = companies.get(i % COMPANIES);
            (i % 2 == 0 ? a : b).subscriptions().subscribe(Actor.of(company.id(), "seed"), company.id(),
                    PLANS.get(random.nextInt(PLANS.size())));
        }
    }

    private static BillingDetails details(int n) {
        return BillingDetails.builder().billingAddress(Address.of("Damrak " + n, "1012 LG", "Amsterdam", "NL")).build();
    }

    private void operate(Billing node, Random random, List<SubscriptionId> subscriptions) {
        Company company = companies.get(random.nextInt(companies.size()));
        Actor self = Actor.of(company.id(), "worker");
        SubscriptionId subscription = subscriptions.get(random.nextInt(subscriptions.size()));
        int kind = random.nextInt(8);
        operations.incrementAndGet();
        try {
            switch (kind) {
                case 0 -> node.subscriptions().subscribe(self, company.id(), PLANS.get(random.nextInt(PLANS.size())));
                case 1 -> {
                    CancelResult result = node.subscriptions().cancel(owner(subscription), subscription,
                            DataErasure.ACKNOWLEDGED);
                    if (result instanceof CancelResult.Refused) {
                        refusals.incrementAndGet();
                    }
                }
                case 2 -> {
                    if (node.subscriptions().removeScheduledCancellation(owner(subscription),
                            subscription) instanceof RemoveCancellationResult.Refused) {
                        refusals.incrementAndGet();
                    }
                }
                case 3 -> {
                    if (node.subscriptions().reactivate(owner(subscription),
                            subscription) instanceof ReactivateResult.Refused) {
                        refusals.incrementAndGet();
                    }
                }
                case 4 -> node.accounts().updateBillingDetails(self, company.id(), details(random.nextInt(1000)));
                case 5 -> node.subscriptions().active(self, company.id(), Scope.WITH_DESCENDANTS);
                case 6 -> creditToBalance(node, self, company, random);
                default -> node.invoices().history(self, company.id(), Scope.WITH_DESCENDANTS, PageRequest.first(20));
            }
        } catch (ConcurrentUpdateException e) {
            lostRaces.incrementAndGet();
        } catch (RuntimeException e) {
            unexpected.add(KINDS.get(kind) + " on " + subscription + " at " + clock.instant() + ": " + e);
        }
    }

    /**
     * A credit note of EUR 1.00 and its VAT to the balance, on one of the company's paid invoices:
     * the balance then settles part of its next invoices.
     */
    private void creditToBalance(Billing node, Actor self, Company company, Random random) {
        List<InvoiceSummary> paid = HistoryEntry.invoices(node.invoices().history(self, company.id(),
                Scope.COMPANY_ONLY, PageRequest.first(10)).items()).stream()
                .filter(invoice -> invoice.state() == InvoiceState.PAID).toList();
        if (paid.isEmpty()) {
            return;
        }
        InvoiceSummary invoice = paid.get(random.nextInt(paid.size()));
        try {
            node.credits().issue(self, invoice.id(), CreditRequest.of(CreditReason.REQUESTED_BY_CUSTOMER,
                    CreditDestination.BALANCE, CreditRequest.Line.of(0, Money.of(BigDecimal.ONE, "EUR"))));
        } catch (RefusedException e) {
            refusals.incrementAndGet();
        }
    }

    /** The subscription's own company acts for it, as read at the start of the step. */
    private Actor owner(SubscriptionId subscription) {
        return Actor.of(owners.get(subscription), "worker");
    }

    private Void run(Billing node, Instant now) {
        try {
            BillingRunReport report = node.run(now);
            runFailures.addAndGet(report.failures());
        } catch (RuntimeException e) {
            unexpected.add("run(" + now + "): " + e);
        }
        runs.incrementAndGet();
        return null;
    }

    private List<String> violations(DataSource db) {
        List<String> found = new ArrayList<>(DatabaseInvariants.violations(db, clock.instant()));
        List<EnvironmentId> erased = shared.environments.erased();
        Set<EnvironmentId> erasedOnce = new HashSet<>(erased);
        check(found, "an environment erased twice", erased.size() - erasedOnce.size());
        Set<EnvironmentId> cancelledEnvironments = new HashSet<>();
        for (String id : strings(db, "SELECT environment_id FROM billing_subscription WHERE state = 'CANCELLED'")) {
            cancelledEnvironments.add(EnvironmentId.of(id));
        }
        Set<EnvironmentId> notErased = new HashSet<>(cancelledEnvironments);
        notErased.removeAll(erasedOnce);
        check(found, "a cancelled subscription whose environment the port never erased", notErased.size());
        // An environment erased but no cancelled subscription's may only be one given back after a
        // subscribe or reactivate that provisioned it could not store its subscription (a lost race).
        Set<EnvironmentId> erasedElsewhere = new HashSet<>(erasedOnce);
        erasedElsewhere.removeAll(cancelledEnvironments);
        Set<EnvironmentId> stored = new HashSet<>();
        for (String id : strings(db, "SELECT environment_id FROM billing_subscription")) {
            stored.add(EnvironmentId.of(id));
        }
        erasedElsewhere.retainAll(stored);
        check(found, "the environment of a live subscription erased", erasedElsewhere.size());
        int capturedWrong = 0;
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, state, total, credit_applied FROM billing_invoice");
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                BigDecimal captured = shared.payments.capturedFor(InvoiceId.of(row.getString(1)));
                // What was due once the balance had settled its part at issue.
                BigDecimal expected = "PAID".equals(row.getString(2))
                        ? row.getBigDecimal(3).subtract(row.getBigDecimal(4)) : BigDecimal.ZERO;
                if (captured.compareTo(expected) != 0) {
                    capturedWrong++;
                    found.add("invoice " + row.getString(1) + " (" + row.getString(2) + ", total " + row.getBigDecimal(3)
                            + ") captured " + captured);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        check(found, "invoices not captured exactly once for their total less the credit applied", capturedWrong);
        long subscriptions = scalar(db, "SELECT count(*) FROM billing_subscription");
        long invoices = scalar(db, "SELECT count(*) FROM billing_invoice");
        long audits = scalar(db, "SELECT count(*) FROM billing_audit");
        check(found, "fewer audit records (" + audits + ") than subscriptions and invoices (" + (subscriptions + invoices)
                + ")", audits >= subscriptions + invoices ? 0 : 1);
        return found;
    }

    private static List<String> strings(DataSource db, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                values.add(row.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return values;
    }
}
