package org.billingsdk.examples.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.billingsdk.core.Billing;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.subscription.SubscriptionCounts;
import org.billingsdk.core.subscription.SubscriptionFilter;
import org.billingsdk.core.subscription.SubscriptionView;
import org.billingsdk.jdbc.JdbcStorage;
import org.flywaydb.core.Flyway;

/**
 * The portal's reads at the scale of a large partner, on an embedded PostgreSQL: three trees of
 * 100, 1,000 and 10,000 children of 3 subscriptions each (every subscription with the invoice of
 * its first month) in one database, beside 20 other tenants of 500 children each. For each tree it
 * times the first and the fifth page of 50 of the portal's list, the first and the fifth page of
 * 20 of the billing history, the counts by state, and (as the reference the paged list replaces)
 * the whole list at once, beside the reads the whole list made before it was paged (the tree,
 * then its subscriptions, unsorted); each the median and the 95th percentile of {@code -Dportal.reads} reads
 * (51 by default) after as many to warm up, in two rounds over the trees in opposite orders. The
 * figures that matter are ratios measured in this run: each tree's mean median over the 100-child
 * tree's, which stays near 1 when a page costs its rows.
 *
 * <p>Usage: {@code PortalScaleBenchmark} (no arguments).
 */
public final class PortalScaleBenchmark {

    private static final int[] TREES = {100, 1_000, 10_000};
    private static final int OTHER_TENANTS = 20;
    private static final int OTHER_CHILDREN = 500;
    private static final int SUBSCRIPTIONS_EACH = 3;

    private PortalScaleBenchmark() {
    }

    /**
     * Starts an embedded PostgreSQL, seeds it, reads and prints the figures.
     *
     * @param args none
     * @throws Exception if the database cannot be started, seeded or read
     */
    public static void main(String[] args) throws Exception {
        int reads = Integer.getInteger("portal.reads", 51);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                HikariDataSource pool = PostgresBenchmark.pool(postgres)) {
            Flyway.configure().dataSource(pool).locations(JdbcStorage.MIGRATIONS).load().migrate();
            JdbcStorage storage = JdbcStorage.forDataSource(pool);
            Billing billing = PostgresBenchmark.billing(storage, 1, new InstantProvider());
            Plan plan = PostgresBenchmark.catalog(billing);
            long begin = System.nanoTime();
            for (int t = 0; t < OTHER_TENANTS; t++) {
                tree(billing, pool, plan, "Tenant " + t, OTHER_CHILDREN);
            }
            Map<Integer, Company> trees = new LinkedHashMap<>();
            for (int children : TREES) {
                trees.put(children, tree(billing, pool, plan, "Partner of " + children, children));
            }
            System.out.printf("Portal at scale: trees of %s children x %d subscriptions beside %d tenants of %,d "
                    + "children, %d cores; seeded in %.0f s; median and p95 of %d reads after %d to warm up%n",
                    Arrays.toString(TREES), SUBSCRIPTIONS_EACH, OTHER_TENANTS, OTHER_CHILDREN,
                    Runtime.getRuntime().availableProcessors(), (System.nanoTime() - begin) / 1e9, reads, reads);

            // Two rounds, the trees in opposite orders, so that warming up weighs on the small and the
            // large alike; each figure is the mean of its two rounds' medians.
            Map<String, double[]> medians = new LinkedHashMap<>();
            List<Integer> order = new ArrayList<>(trees.keySet());
            for (int round = 0; round < 2; round++) {
                for (int size : order) {
                    measure(billing, storage, trees.get(size), size, reads, medians);
                }
                Collections.reverse(order);
            }
            System.out.println();
            System.out.printf("%-32s %12s %12s%n", "ratio of medians to 100 children", "1,000", "10,000");
            for (Map.Entry<String, double[]> row : medians.entrySet()) {
                double[] m = row.getValue();
                System.out.printf("%-32s %12.2f %12.2f%n", row.getKey(), m[1] / m[0], m[2] / m[0]);
            }
            System.out.println();
            System.out.printf("%-32s %12s %12s %12s%n", "mean of the rounds' medians, ms", "100", "1,000", "10,000");
            for (Map.Entry<String, double[]> row : medians.entrySet()) {
                double[] m = row.getValue();
                System.out.printf("%-32s %12.2f %12.2f %12.2f%n", row.getKey(), m[0], m[1], m[2]);
            }
        }
    }

    /** One round of every read of one tree, each timed and its median added to the tree's column. */
    private static void measure(Billing billing, JdbcStorage storage, Company partner, int size, int reads,
            Map<String, double[]> medians) {
        Actor actor = Actor.of(partner.id(), "admin@partner.example");
        int column = Arrays.binarySearch(TREES, size);
        PageRequest fifthList = fifth(billing, actor, partner);
        PageRequest fifthHistory = fifthHistory(billing, actor, partner);
        time(medians, "list, first page of 50", column, reads, () -> billing.subscriptions().list(actor,
                partner.id(), Scope.WITH_DESCENDANTS, SubscriptionFilter.notCancelled(), PageRequest.first(50))
                .items().size(), 50);
        time(medians, "list, fifth page of 50", column, reads, () -> billing.subscriptions().list(actor,
                partner.id(), Scope.WITH_DESCENDANTS, SubscriptionFilter.notCancelled(), fifthList)
                .items().size(), 50);
        time(medians, "history, first page of 20", column, reads, () -> billing.invoices().history(actor,
                partner.id(), Scope.WITH_DESCENDANTS, PageRequest.first(20)).items().size(), 20);
        time(medians, "history, fifth page of 20", column, reads, () -> billing.invoices().history(actor,
                partner.id(), Scope.WITH_DESCENDANTS, fifthHistory).items().size(), 20);
        time(medians, "counts by state", column, reads, () -> {
            SubscriptionCounts counts = billing.subscriptions().count(actor, partner.id(),
                    Scope.WITH_DESCENDANTS, SubscriptionFilter.notCancelled());
            return (int) counts.total();
        }, size * SUBSCRIPTIONS_EACH);
        time(medians, "whole list at once (reference)", column, Math.max(5, reads / 5),
                () -> billing.subscriptions().active(actor, partner.id(), Scope.WITH_DESCENDANTS).size(),
                size * SUBSCRIPTIONS_EACH);
        // What the whole list read before it was paged: the tree, then its subscriptions, unsorted.
        time(medians, "tree and its rows, unsorted (base)", column, Math.max(5, reads / 5), () -> {
            List<CompanyId> ids = storage.companies().findSubtree(partner.id()).stream().map(Company::id).toList();
            return storage.subscriptions().findSummaries(ids, false).size();
        }, size * SUBSCRIPTIONS_EACH);
    }

    /** A tenant root registered through the SDK, its children and their subscriptions and invoices seeded. */
    private static Company tree(Billing billing, HikariDataSource pool, Plan plan, String name, int children)
            throws java.sql.SQLException {
        Company root = PostgresBenchmark.payer(billing, name);
        List<Company> below = PostgresBenchmark.children(pool, root, children);
        PostgresBenchmark.seed(pool, below, plan, children * SUBSCRIPTIONS_EACH);
        return root;
    }

    /** The request for the fifth page of 50 of the list, read through the four before it. */
    private static PageRequest fifth(Billing billing, Actor actor, Company partner) {
        PageRequest page = PageRequest.first(50);
        for (int i = 0; i < 4; i++) {
            Page<SubscriptionView> read = billing.subscriptions().list(actor, partner.id(), Scope.WITH_DESCENDANTS,
                    SubscriptionFilter.notCancelled(), page);
            page = read.next(50).orElseThrow();
        }
        return page;
    }

    /** The request for the fifth page of 20 of the history, read through the four before it. */
    private static PageRequest fifthHistory(Billing billing, Actor actor, Company partner) {
        PageRequest page = PageRequest.first(20);
        for (int i = 0; i < 4; i++) {
            Page<HistoryEntry> read = billing.invoices().history(actor, partner.id(), Scope.WITH_DESCENDANTS, page);
            page = read.next(20).orElseThrow();
        }
        return page;
    }

    /**
     * Times {@code read} ({@code reads} times after as many to warm up), checks that it answered
     * {@code expected} rows, prints the median and the 95th percentile, and keeps the median.
     */
    private static void time(Map<String, double[]> medians, String what, int column, int reads,
            Supplier<Integer> read, int expected) {
        long[] nanos = new long[reads];
        for (int i = 0; i < 2 * reads; i++) {
            long begin = System.nanoTime();
            int rows = read.get();
            long took = System.nanoTime() - begin;
            if (rows != expected) {
                throw new IllegalStateException(what + " answered " + rows + " rows, not " + expected);
            }
            if (i >= reads) {
                nanos[i - reads] = took;
            }
        }
        Arrays.sort(nanos);
        double median = nanos[reads / 2] / 1e6;
        double p95 = nanos[Math.min(reads - 1, (int) Math.ceil(reads * 0.95) - 1)] / 1e6;
        // Each round adds half of its median: the figure is the mean of the two rounds.
        medians.computeIfAbsent(what, key -> new double[TREES.length])[column] += median / 2;
        System.out.printf("%,7d children  %-32s median %7.2f ms  p95 %7.2f ms%n", TREES[column], what, median, p95);
    }
}
