package org.billingsdk.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.money.Monetary;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.BillingMode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.event.InvoiceIssued;
import org.billingsdk.core.invoice.Seller;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionView;
import org.billingsdk.jdbc.JdbcStorage;
import org.flywaydb.core.Flyway;
import org.javamoney.moneta.Money;

/**
 * The JDBC adapter on an embedded PostgreSQL: the billing run over N due monthly subscriptions
 * beside a raw-JDBC baseline that writes the same rows with batched inserts in the same process,
 * and the portal view of a parent with 1,000 child companies of 3 subscriptions each.
 *
 * <p>Usage: {@code PostgresBenchmark [subscriptions]} (default 100,000), or
 * {@code PostgresBenchmark portal} for the portal view alone, or
 * {@code PostgresBenchmark payers [payers] [children]} (defaults 1,000 and 100) for the billing run
 * over payers billed on the 1st, each paying for its children's one subscription each, against the
 * same number of subscriptions of companies that pay for themselves (rounds self-paying, payers,
 * payers, self-paying; the ratio is the subscriptions renewed a second with payers over those
 * without), then the portal view of a payer of 10,000 children; or
 * {@code PostgresBenchmark changes [subscriptions]} (default 20,000) for the billing run with 10 %
 * of the subscriptions carrying a change of plan and quantity scheduled for the renewal, against
 * the same run without (rounds without, with, with, without, each on freshly seeded tables; the
 * ratio is the mean of the runs with over the mean of the runs without). With {@code -Dbench.workers=N} the
 * billing run has N workers and the baseline writes on N connections at once; with
 * {@code -Dbench.rewriteBatchedInserts=true} the driver rewrites JDBC batches of inserts (the
 * baseline's) into multi-row inserts.
 */
public final class PostgresBenchmark {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant RENEWAL = Instant.parse("2026-02-01T00:00:00Z");

    /**
     * Starts an embedded PostgreSQL, runs the benchmark on it and prints its figures.
     *
     * @param args the number of subscriptions (underscores allowed, {@code 100_000} by default), or
     *     {@code portal} to measure the portal view only
     * @throws Exception if the database cannot be started, seeded or read
     */
    public static void main(String[] args) throws Exception {
        boolean portalOnly = args.length > 0 && args[0].equals("portal");
        boolean changes = args.length > 0 && args[0].equals("changes");
        if (args.length > 0 && args[0].equals("payers")) {
            payers(args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 1_000,
                    args.length > 2 ? Integer.parseInt(args[2].replace("_", "")) : 100);
            return;
        }
        if (changes) {
            scheduledChanges(args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 20_000);
            return;
        }
        int subscriptions = args.length > 0 && !portalOnly ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
        boolean statements = Boolean.getBoolean("bench.statements");
        int workers = Integer.getInteger("bench.workers", 1);
        EmbeddedPostgres.Builder server = EmbeddedPostgres.builder();
        if (statements) {
            server.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        try (EmbeddedPostgres postgres = server.start();
                HikariDataSource pool = pool(postgres)) {
            Flyway.configure().dataSource(pool).locations(JdbcStorage.MIGRATIONS).load().migrate();
            System.out.printf("PostgreSQL benchmark: %,d subscriptions, %d cores, %d billing-run worker(s)%n",
                    subscriptions, Runtime.getRuntime().availableProcessors(), workers);
            Billing billing = billing(JdbcStorage.forDataSource(pool), workers);
            Plan plan = catalog(billing);
            if (portalOnly) {
                if (statements) {
                    execute(pool, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                }
                portalView(billing, plan, pool);
                if (statements) {
                    printStatements(pool, "portal view");
                }
                return;
            }
            List<Company> companies = companies(billing, 1_000);
            seed(pool, companies, plan, subscriptions);

            if (statements) {
                execute(pool, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                execute(pool, "SELECT pg_stat_statements_reset()");
            }
            double baseline = baseline(pool, subscriptions, companies, workers);
            if (statements) {
                printStatements(pool, "baseline");
            }
            long begin = System.nanoTime();
            if (statements) {
                execute(pool, "SELECT pg_stat_statements_reset()");
            }
            BillingRunReport report = billing.run(RENEWAL, new Progress(subscriptions));
            double seconds = (System.nanoTime() - begin) / 1e9;
            double rate = report.invoicesIssued() / seconds;
            System.out.printf("billing run: %,d renewals invoiced and %,d paid in %.1f s = %,.0f renewals/s%n",
                    report.invoicesIssued(), report.paymentsSucceeded(), seconds, rate);
            System.out.printf("raw JDBC baseline (same rows, batched inserts, %d connection(s)): %,.0f renewals/s%n",
                    workers, baseline);
            System.out.printf("ratio billing run / baseline: %.3f%n", rate / baseline);
            if (report.invoicesIssued() != subscriptions) {
                throw new IllegalStateException("every subscription must be renewed once: " + report);
            }
            if (statements) {
                printStatements(pool, "billing run");
            }
            portalView(billing, plan, pool);
        }
    }

    /** The share of subscriptions that carry a scheduled change in the runs with changes: 1 in 10. */
    private static final int CHANGED_ONE_IN = 10;

    /**
     * The billing run over {@code subscriptions} due renewals, without and with a change scheduled
     * for the renewal on one in {@value #CHANGED_ONE_IN} (to 2 units of another plan): each round
     * on tables emptied and seeded again, in the order without, with, with, without, so that
     * warming up and the database's growth weigh on both alike.
     */
    private static void scheduledChanges(int subscriptions) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                HikariDataSource pool = pool(postgres)) {
            Flyway.configure().dataSource(pool).locations(JdbcStorage.MIGRATIONS).load().migrate();
            System.out.printf("Scheduled changes benchmark: %,d subscriptions, 1 in %d with a change, %d cores%n",
                    subscriptions, CHANGED_ONE_IN, Runtime.getRuntime().availableProcessors());
            Billing billing = billing(JdbcStorage.forDataSource(pool), 1);
            Plan plan = catalog(billing);
            Plan pro = billing.catalog().addPlan(NewPlan.of("edr-pro", "edr",
                    Money.of(new BigDecimal("99.00"), Monetary.getCurrency("EUR")), BillingInterval.MONTHLY));
            List<Company> companies = companies(billing, 1_000);
            double[] without = new double[2];
            double[] with = new double[2];
            boolean[] rounds = {false, true, true, false};
            for (int round = 0; round < rounds.length; round++) {
                execute(pool, EMPTY_ROUND);
                seed(pool, companies, plan, subscriptions, rounds[round] ? pro : null);
                long begin = System.nanoTime();
                BillingRunReport report = billing.run(RENEWAL, new Progress(subscriptions));
                double rate = report.invoicesIssued() / ((System.nanoTime() - begin) / 1e9);
                int changed = count(pool, "SELECT COUNT(*) FROM billing_invoice_line WHERE plan_id = 'edr-pro' "
                        + "AND quantity = 2 AND period_start = TIMESTAMPTZ '2026-02-01 00:00:00+00'");
                System.out.printf("round %d, %s: %,d renewals (%,d on the changed plan) = %,.0f renewals/s%n",
                        round + 1, rounds[round] ? "with changes" : "without", report.invoicesIssued(), changed, rate);
                int expected = rounds[round] ? (subscriptions + CHANGED_ONE_IN - 1) / CHANGED_ONE_IN : 0;
                if (report.invoicesIssued() != subscriptions || changed != expected) {
                    throw new IllegalStateException("every subscription renews once, the changed ones on the new plan: "
                            + report + ", " + changed + " changed");
                }
                (rounds[round] ? with : without)[round == 0 || round == 1 ? 0 : 1] = rate;
            }
            double ratio = (with[0] + with[1]) / (without[0] + without[1]);
            System.out.printf("ratio with scheduled changes / without: %.3f%n", ratio);
        }
    }

    /**
     * The billing run over {@code payers} payers billed on the 1st with {@code children} children
     * each, every child with one due subscription its payer pays for, against the same number of
     * due subscriptions spread over {@code payers} companies that pay for themselves: each round on
     * subscriptions, invoices and payments emptied and seeded again, in the order self-paying,
     * payers, payers, self-paying. The measure is subscriptions renewed a second (a payer's
     * children's renewals are one invoice, a self-paying company's one each). Then the portal view
     * of one payer of 10,000 children with one subscription each.
     */
    private static void payers(int payers, int children) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                HikariDataSource pool = pool(postgres)) {
            Flyway.configure().dataSource(pool).locations(JdbcStorage.MIGRATIONS).load().migrate();
            int subscriptions = payers * children;
            System.out.printf("Payers benchmark: %,d payers x %,d children x 1 subscription against %,d "
                    + "self-paying subscriptions, %d cores%n", payers, children, subscriptions,
                    Runtime.getRuntime().availableProcessors());
            Billing billing = billing(JdbcStorage.forDataSource(pool), 1);
            Plan plan = catalog(billing);
            List<Company> selfPaying = companies(billing, payers);
            List<Company> paidFor = new ArrayList<>();
            for (int p = 0; p < payers; p++) {
                paidFor.addAll(children(pool, payer(billing, "Holding " + p), children));
            }
            double[] without = new double[2];
            double[] with = new double[2];
            boolean[] rounds = {false, true, true, false};
            for (int round = 0; round < rounds.length; round++) {
                execute(pool, EMPTY_ROUND);
                seed(pool, rounds[round] ? paidFor : selfPaying, plan, subscriptions);
                long begin = System.nanoTime();
                BillingRunReport report = billing.run(RENEWAL, new Progress(subscriptions));
                double rate = subscriptions / ((System.nanoTime() - begin) / 1e9);
                int renewed = count(pool, "SELECT COUNT(DISTINCT subscription_id) FROM billing_invoice_line "
                        + "WHERE period_start = TIMESTAMPTZ '2026-02-01 00:00:00+00'");
                int paid = count(pool, "SELECT COUNT(*) FROM billing_invoice WHERE state = 'PAID' "
                        + "AND issued_at = TIMESTAMPTZ '2026-02-01 00:00:00+00'");
                System.out.printf("round %d, %s: %,d subscriptions renewed on %,d paid invoices = %,.0f "
                        + "subscriptions/s%n", round + 1, rounds[round] ? "payers" : "self-paying", renewed, paid,
                        rate);
                int invoices = rounds[round] ? payers : subscriptions;
                if (renewed != subscriptions || paid != invoices || report.invoicesIssued() != invoices
                        || report.failures() != 0) {
                    throw new IllegalStateException("every subscription renews once, on one invoice per payer: "
                            + report + ", " + renewed + " renewed, " + paid + " paid");
                }
                (rounds[round] ? with : without)[round == 0 || round == 1 ? 0 : 1] = rate;
            }
            System.out.printf("ratio payers / self-paying: %.3f%n", (with[0] + with[1]) / (without[0] + without[1]));

            Company holding = payer(billing, "Holding of 10,000");
            seed(pool, children(pool, holding, 10_000), plan, 10_000);
            Actor actor = Actor.of(holding.id(), "admin@holding.example");
            long[] nanos = new long[Integer.getInteger("portal.reads", 51)];
            int rows = 0;
            for (int i = 0; i < nanos.length; i++) {
                long begin = System.nanoTime();
                List<SubscriptionView> view = billing.subscriptions().active(actor, holding.id(),
                        Scope.WITH_DESCENDANTS);
                nanos[i] = System.nanoTime() - begin;
                rows = view.size();
            }
            Arrays.sort(nanos);
            System.out.printf("portal view of a payer of 10,000 children x 1 subscription (%,d rows): median %.1f ms, "
                    + "min %.1f ms, max %.1f ms over %d reads%n", rows, nanos[nanos.length / 2] / 1e6,
                    nanos[0] / 1e6, nanos[nanos.length - 1] / 1e6, nanos.length);
        }
    }

    /** A root company with a card, billed on the 1st, registered through the SDK. */
    static Company payer(Billing billing, String name) {
        Company payer = billing.accounts().register(NewCompany.of(name, "it@" + name.replaceAll("\\W", "")
                + ".example").withBillingDetails(BillingDetails.builder()
                        .billingAddress(Address.of("Rokin 1", "1012 KK", "Amsterdam", "NL")).build()));
        addCard(billing, payer);
        return billing.accounts().setBillingDay(Actor.of(payer.id(), "seed"), payer.id(), 1);
    }

    /** {@code count} children of {@code payer} that it pays for, written with batched inserts (set-up). */
    static List<Company> children(HikariDataSource pool, Company payer, int count) throws SQLException {
        List<Company> children = new ArrayList<>(count);
        try (Connection connection = pool.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO billing_company (id, root_company_id, parent_id, name, main_email, billing_mode, "
                        + "created_at, version, payer_id) VALUES (?, ?, ?, ?, ?, 'DIRECT', ?, 1, ?)")) {
            connection.setAutoCommit(false);
            for (int c = 0; c < count; c++) {
                Company child = new Company(CompanyId.random(), payer.name() + " client " + c, payer.id(),
                        payer.rootId(), EmailAddress.of("it@client" + c + ".example"), null, BillingMode.DIRECT,
                        payer.id(), null, START, 1);
                insert.setObject(1, child.id().value());
                insert.setObject(2, child.rootId().value());
                insert.setObject(3, payer.id().value());
                insert.setString(4, child.name());
                insert.setString(5, child.mainEmail().value());
                insert.setObject(6, utc(START));
                insert.setObject(7, payer.id().value());
                insert.addBatch();
                children.add(child);
                if (c % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        return children;
    }

    /** Empties what a round of the billing run writes, keeping the companies and the catalog. */
    private static final String EMPTY_ROUND = "TRUNCATE billing_refund, billing_credit_entry, "
            + "billing_credit_note_line, billing_credit_note, billing_invoice_line, billing_payment, billing_invoice, "
            + "billing_subscription, billing_outbox, billing_invoice_counter";

    private static int count(HikariDataSource pool, String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }

    private static void execute(HikariDataSource pool, String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** With {@code -Dbench.statements=true}: where the database's time went in {@code what}, by statement. */
    private static void printStatements(HikariDataSource pool, String what) throws SQLException {
        System.out.println(what + ": statements by total time in the database (pg_stat_statements):");
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT calls, rows, total_exec_time, "
                        + "left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS sql FROM pg_stat_statements "
                        + "ORDER BY total_exec_time DESC LIMIT 20")) {
            while (rows.next()) {
                System.out.printf("  %,9.0f ms %,8d calls %,9d rows  %s%n", rows.getDouble("total_exec_time"),
                        rows.getLong("calls"), rows.getLong("rows"), rows.getString("sql"));
            }
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet total = statement.executeQuery("SELECT sum(total_exec_time), sum(calls) FROM pg_stat_statements")) {
            total.next();
            System.out.printf("  %,9.0f ms %,8d calls in all%n", total.getDouble(1), total.getLong(2));
        }
    }

    static HikariDataSource pool(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setPassword("postgres");
        config.setMaximumPoolSize(8);
        if (Boolean.getBoolean("bench.rewriteBatchedInserts")) {
            // The driver then sends a batch of single-row inserts as multi-row inserts.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return new HikariDataSource(config);
    }

    private static Billing billing(JdbcStorage storage, int workers) {
        return billing(storage, workers, new InstantProvider());
    }

    /** The benchmarks' {@code Billing}: a fixed clock at the start, the given provider. */
    static Billing billing(JdbcStorage storage, int workers, PaymentProvider provider) {
        return billing(storage, workers, provider, 1);
    }

    /** {@link #billing(JdbcStorage, int, PaymentProvider)} with {@code inFlight} charges in flight at once. */
    static Billing billing(JdbcStorage storage, int workers, PaymentProvider provider, int inFlight) {
        return Billing.builder()
                .billingRunWorkers(workers)
                .chargesInFlight(inFlight)
                .storage(storage)
                .environments(new NamedEnvironments())
                .payments(provider)
                .seller(Seller.of("ACME Security B.V.", Address.of("Herengracht 1", "1015 BA", "Amsterdam", "NL"),
                        VatNumber.of("NL853746333B01")))
                .clock(Clock.fixed(START, ZoneOffset.UTC))
                .build();
    }

    static Plan catalog(Billing billing) {
        billing.catalog().addProduct(new NewProduct("edr", "Endpoint Detection & Response", "EDR"));
        return billing.catalog().addPlan(NewPlan.of("edr-monthly", "edr",
                Money.of(new BigDecimal("49.00"), Monetary.getCurrency("EUR")), BillingInterval.MONTHLY));
    }

    static List<Company> companies(Billing billing, int count) {
        List<Company> companies = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            Company company = billing.accounts().register(NewCompany.of("Customer " + c, "it@c" + c + ".example")
                    .withBillingDetails(BillingDetails.builder()
                            .billingAddress(Address.of("Damrak " + c, "1012 LG", "Amsterdam", "NL")).build()));
            addCard(billing, company);
            companies.add(company);
        }
        return companies;
    }

    private static void addCard(Billing billing, Company company) {
        Actor actor = Actor.of(company.id(), "seed");
        var setup = billing.paymentMethods().startSetup(actor, company.id(), SetupKind.CARD);
        billing.paymentMethods().completeSetup(actor, company.id(), setup.id());
    }

    /** Seeds due subscriptions with batched inserts (set-up, not measured). */
    static void seed(HikariDataSource pool, List<Company> companies, Plan plan, int count) throws SQLException {
        seed(pool, companies, plan, count, null);
    }

    /**
     * Seeds due subscriptions, one in {@value #CHANGED_ONE_IN} of them with a change to 2 units of
     * {@code changeTo} scheduled for the renewal when it is given.
     */
    private static void seed(HikariDataSource pool, List<Company> companies, Plan plan, int count, Plan changeTo)
            throws SQLException {
        long begin = System.nanoTime();
        try (Connection connection = pool.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO billing_subscription (id, root_company_id, company_id, plan_id, state, environment_id, "
                        + "started_at, billing_anchor, paid_through, erasure, next_due_at, version, change_plan_id, "
                        + "change_quantity, change_at) "
                        + "VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, 'NOT_REQUESTED', ?, 1, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                Company company = companies.get(i % companies.size());
                Subscription due = Subscription.subscribe(SubscriptionId.random(), company.id(), plan,
                        EnvironmentId.of("env-" + i), START).periodInvoiced(RENEWAL);
                insert.setObject(1, due.id().value());
                insert.setObject(2, company.rootId().value());
                insert.setObject(3, company.id().value());
                insert.setString(4, plan.id().value());
                insert.setString(5, due.environmentId().value());
                insert.setObject(6, utc(START));
                insert.setObject(7, utc(START));
                insert.setObject(8, utc(RENEWAL));
                insert.setObject(9, utc(due.nextDueAt().orElseThrow()));
                boolean changed = changeTo != null && i % CHANGED_ONE_IN == 0;
                insert.setString(10, changed ? changeTo.id().value() : null);
                insert.setObject(11, changed ? 2 : null, java.sql.Types.INTEGER);
                insert.setObject(12, changed ? utc(RENEWAL) : null);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
            seedHistory(connection);
            connection.commit();
        }
        System.out.printf("seeded %,d due subscriptions in %.1f s%n", count, (System.nanoTime() - begin) / 1e9);
    }

    /**
     * Gives every subscription without an invoice the paid invoice of its first month, as a
     * database that has been billing for a while holds, and has PostgreSQL analyze the tables, as
     * autovacuum does in a running database (a run on tables that were empty a minute ago plans
     * its reads as if they still were).
     */
    private static void seedHistory(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE seed_history ON COMMIT DROP AS "
                    + "SELECT s.id AS subscription_id, s.root_company_id, s.company_id, "
                    + "md5(s.id::text || '-first-month')::uuid AS invoice_id, "
                    + "(SELECT COALESCE(MAX(last_value), 0) FROM billing_invoice_counter WHERE series = 'INV-2026') "
                    + "+ row_number() OVER (ORDER BY s.id) AS number FROM billing_subscription s "
                    + "WHERE NOT EXISTS (SELECT 1 FROM billing_invoice_line l WHERE l.subscription_id = s.id)");
            statement.execute("INSERT INTO billing_invoice (id, root_company_id, company_id, series, sequence_number, "
                    + "state, seller_name, buyer_name, currency, subtotal, tax_amount, total, credit_applied, "
                    + "amount_due, issued_at, due_at, closed_at, payment_attempts, version) "
                    + "SELECT invoice_id, root_company_id, company_id, 'INV-2026', number, 'PAID', 'ACME', 'Customer', "
                    + "'EUR', 49.00, 10.29, 59.29, 0, 0, TIMESTAMPTZ '2026-01-01 00:00:00+00', "
                    + "TIMESTAMPTZ '2026-01-15 00:00:00+00', TIMESTAMPTZ '2026-01-01 00:00:00+00', 1, 3 "
                    + "FROM seed_history");
            statement.execute("INSERT INTO billing_invoice_line (invoice_id, line_number, root_company_id, "
                    + "product_code, description, subscription_id, plan_id, period_start, period_end, quantity, "
                    + "unit_price, amount, tax_treatment, tax_country, tax_rate, tax_amount, tax_note, kind, "
                    + "billed_period_start) "
                    + "SELECT invoice_id, 0, root_company_id, 'edr', 'EDR', subscription_id, 'edr-monthly', "
                    + "TIMESTAMPTZ '2026-01-01 00:00:00+00', TIMESTAMPTZ '2026-02-01 00:00:00+00', 1, 49.00, 49.00, "
                    + "'DOMESTIC', 'NL', 21, 10.29, '', 'PERIOD', TIMESTAMPTZ '2026-01-01 00:00:00+00' "
                    + "FROM seed_history");
            statement.execute("INSERT INTO billing_payment (id, root_company_id, invoice_id, company_id, attempt, "
                    + "idempotency_key, amount, currency, status, created_at, updated_at, version) "
                    + "SELECT md5(invoice_id::text || '-payment')::uuid, root_company_id, invoice_id, company_id, 1, "
                    + "'invoice-' || invoice_id || '-attempt-1', 59.29, 'EUR', 'SUCCEEDED', "
                    + "TIMESTAMPTZ '2026-01-01 00:00:00+00', TIMESTAMPTZ '2026-01-01 00:00:00+00', 2 FROM seed_history");
            statement.execute("INSERT INTO billing_invoice_counter (series, last_value) SELECT 'INV-2026', "
                    + "MAX(sequence_number) FROM billing_invoice WHERE series = 'INV-2026' "
                    + "ON CONFLICT (series) DO UPDATE SET last_value = EXCLUDED.last_value");
            connection.commit();
            statement.execute("ANALYZE");
        }
    }

    /** The baseline's renewals per transaction: as many as a page of the billing run (BillingRunner.PAGE). */
    private static final int PAGE = 1_000;

    /** The tables the baseline writes, as {@code baseline_} copies of the schema's, parents first. */
    private static final List<String> BASELINE_TABLES = List.of("billing_subscription", "billing_invoice",
            "billing_invoice_line", "billing_payment", "billing_outbox", "billing_audit");

    /**
     * The rows a renewal writes, written with batched inserts and no logic: an invoice and its line,
     * a payment, three outbox events and three audit records, and the subscription. The rows are the
     * run's: of the same companies, with the same values (the buyer's name, email and address,
     * amounts, dates), event payloads and audit details of the same length, each value bound as a
     * parameter as a JDBC program writing rows it does not know in advance binds it. The tables are
     * copies of the schema's with the same indexes, and the same foreign keys where the run inserts
     * too: the run updates its subscriptions without changing their company or plan, which
     * PostgreSQL does not check again, so the copy of the subscriptions has none. On
     * {@code connections} connections at once, each writing its share in pages of {@value #PAGE}
     * per transaction, as the run does. Renewals per second.
     */
    private static double baseline(HikariDataSource pool, int count, List<Company> companies, int connections)
            throws Exception {
        try (Connection connection = pool.getConnection(); Statement ddl = connection.createStatement()) {
            List<String> foreignKeys = new ArrayList<>();
            for (String table : BASELINE_TABLES) {
                // Regular tables, as the billing run's: a temporary table is not written to the WAL.
                ddl.execute("CREATE TABLE baseline_" + table + " (LIKE " + table + " INCLUDING ALL)");
                if (table.equals("billing_subscription")) {
                    continue; // updated by the run, whose foreign keys are then not checked again
                }
                // LIKE copies no foreign key: the same ones, to the copies where the run's point to a copied table.
                try (ResultSet keys = ddl.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                        + "WHERE contype = 'f' AND conrelid = '" + table + "'::regclass")) {
                    while (keys.next()) {
                        String definition = keys.getString(1);
                        for (String copied : BASELINE_TABLES) {
                            definition = definition.replace("REFERENCES " + copied + "(",
                                    "REFERENCES baseline_" + copied + "(");
                        }
                        foreignKeys.add("ALTER TABLE baseline_" + table + " ADD " + definition);
                    }
                }
            }
            for (String foreignKey : foreignKeys) {
                ddl.execute(foreignKey);
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> shares = new ArrayList<>();
            long begin = System.nanoTime();
            for (int c = 0; c < connections; c++) {
                int first = 1 + c * count / connections;
                int last = (c + 1) * count / connections;
                shares.add(threads.submit(() -> {
                    writeBaseline(pool, first, last, companies);
                    return null;
                }));
            }
            for (Future<?> share : shares) {
                share.get();
            }
            return count / ((System.nanoTime() - begin) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    /** The baseline's renewals {@code first} to {@code last}, on a connection of their own. */
    private static void writeBaseline(HikariDataSource pool, int first, int last, List<Company> companies)
            throws SQLException {
        OffsetDateTime now = utc(RENEWAL);
        BigDecimal subtotal = new BigDecimal("49.00");
        BigDecimal rate = new BigDecimal("21");
        BigDecimal tax = new BigDecimal("10.29");
        BigDecimal total = new BigDecimal("59.29");
        // As long as the run's: an InvoiceIssued payload (~235 characters) and audit detail (~45).
        String payload = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-02-01T00:00:00Z\","
                + "\"companyId\":\"" + UUID.randomUUID() + "\",\"invoiceId\":\"" + UUID.randomUUID()
                + "\",\"number\":\"INV-2026-000001\",\"total\":\"EUR 59.29\"}";
        String detail = "invoice INV-2026-000001 issued for EUR 59.29";
        try (Connection connection = pool.getConnection();
                PreparedStatement subscription = connection.prepareStatement("INSERT INTO "
                        + "baseline_billing_subscription (id, root_company_id, company_id, plan_id, state, "
                        + "environment_id, started_at, billing_anchor, paid_through, erasure, next_due_at, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement invoice = connection.prepareStatement("INSERT INTO baseline_billing_invoice (id, "
                        + "root_company_id, company_id, series, sequence_number, state, seller_name, seller_vat_number, "
                        + "seller_line1, seller_postal_code, seller_city, seller_country, buyer_name, buyer_email, "
                        + "buyer_line1, buyer_postal_code, buyer_city, buyer_country, currency, subtotal, tax_amount, "
                        + "total, credit_applied, amount_due, issued_at, due_at, closed_at, payment_attempts, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?)");
                PreparedStatement line = connection.prepareStatement("INSERT INTO baseline_billing_invoice_line "
                        + "(invoice_id, line_number, root_company_id, product_code, description, subscription_id, "
                        + "plan_id, period_start, period_end, quantity, unit_price, amount, tax_treatment, "
                        + "tax_country, tax_rate, tax_amount, tax_note, kind, billed_period_start) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement payment = connection.prepareStatement("INSERT INTO baseline_billing_payment (id, "
                        + "root_company_id, invoice_id, company_id, attempt, idempotency_key, amount, currency, "
                        + "status, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement outbox = connection.prepareStatement("INSERT INTO baseline_billing_outbox "
                        + "(position, event_id, root_company_id, event_type, payload, occurred_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement audit = connection.prepareStatement("INSERT INTO baseline_billing_audit (position, "
                        + "id, root_company_id, company_id, at, who, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = first; i <= last; i++) {
                Company buyer = companies.get(i % companies.size());
                UUID company = buyer.id().value();
                Address address = buyer.billingDetails().billingAddress();
                UUID invoiceId = UUID.randomUUID();
                UUID subscriptionId = UUID.randomUUID();
                int p = 0;
                subscription.setObject(++p, subscriptionId);
                subscription.setObject(++p, company);
                subscription.setObject(++p, company);
                subscription.setString(++p, "edr-monthly");
                subscription.setString(++p, "ACTIVE");
                subscription.setString(++p, "env-" + i);
                subscription.setObject(++p, utc(START));
                subscription.setObject(++p, utc(START));
                subscription.setObject(++p, now.plusMonths(1));
                subscription.setString(++p, "NOT_REQUESTED");
                subscription.setObject(++p, now.plusMonths(1));
                subscription.setLong(++p, 3);
                subscription.addBatch();
                p = 0;
                invoice.setObject(++p, invoiceId);
                invoice.setObject(++p, company);
                invoice.setObject(++p, company);
                invoice.setString(++p, "INV-2026");
                invoice.setLong(++p, i);
                invoice.setString(++p, "PAID");
                invoice.setString(++p, "ACME Security B.V.");
                invoice.setString(++p, "NL853746333B01");
                invoice.setString(++p, "Herengracht 1");
                invoice.setString(++p, "1015 BA");
                invoice.setString(++p, "Amsterdam");
                invoice.setString(++p, "NL");
                invoice.setString(++p, buyer.name());
                invoice.setString(++p, buyer.mainEmail().value());
                invoice.setString(++p, address.line1());
                invoice.setString(++p, address.postalCode());
                invoice.setString(++p, address.city());
                invoice.setString(++p, address.country());
                invoice.setString(++p, "EUR");
                invoice.setBigDecimal(++p, subtotal);
                invoice.setBigDecimal(++p, tax);
                invoice.setBigDecimal(++p, total);
                invoice.setBigDecimal(++p, BigDecimal.ZERO);
                invoice.setBigDecimal(++p, BigDecimal.ZERO);
                invoice.setObject(++p, now);
                invoice.setObject(++p, now);
                invoice.setObject(++p, now);
                invoice.setInt(++p, 1);
                invoice.setLong(++p, 2);
                invoice.addBatch();
                p = 0;
                line.setObject(++p, invoiceId);
                line.setInt(++p, 0);
                line.setObject(++p, company);
                line.setString(++p, "edr");
                line.setString(++p, "Endpoint Detection & Response");
                line.setObject(++p, subscriptionId);
                line.setString(++p, "edr-monthly");
                line.setObject(++p, now);
                line.setObject(++p, now.plusMonths(1));
                line.setInt(++p, 1);
                line.setBigDecimal(++p, subtotal);
                line.setBigDecimal(++p, subtotal);
                line.setString(++p, "DOMESTIC");
                line.setString(++p, "NL");
                line.setBigDecimal(++p, rate);
                line.setBigDecimal(++p, tax);
                line.setString(++p, "");
                line.setString(++p, "PERIOD");
                line.setObject(++p, now);
                line.addBatch();
                p = 0;
                payment.setObject(++p, UUID.randomUUID());
                payment.setObject(++p, company);
                payment.setObject(++p, invoiceId);
                payment.setObject(++p, company);
                payment.setInt(++p, 1);
                payment.setString(++p, "invoice-" + invoiceId + "-attempt-1");
                payment.setBigDecimal(++p, total);
                payment.setString(++p, "EUR");
                payment.setString(++p, "SUCCEEDED");
                payment.setObject(++p, now);
                payment.setObject(++p, now);
                payment.setLong(++p, 2);
                payment.addBatch();
                for (int e = 0; e < 3; e++) {
                    long position = 3L * i + e;
                    p = 0;
                    outbox.setLong(++p, position);
                    outbox.setObject(++p, UUID.randomUUID());
                    outbox.setObject(++p, company);
                    outbox.setString(++p, "InvoiceIssued");
                    outbox.setString(++p, payload);
                    outbox.setObject(++p, now);
                    outbox.addBatch();
                    p = 0;
                    audit.setLong(++p, position);
                    audit.setObject(++p, UUID.randomUUID());
                    audit.setObject(++p, company);
                    audit.setObject(++p, company);
                    audit.setObject(++p, now);
                    audit.setString(++p, "billing-run");
                    audit.setString(++p, "InvoiceIssued");
                    audit.setString(++p, detail);
                    audit.addBatch();
                }
                if ((i - first + 1) % PAGE == 0 || i == last) {
                    for (PreparedStatement batch : List.of(subscription, invoice, line, payment, outbox, audit)) {
                        batch.executeBatch();
                    }
                    connection.commit();
                }
            }
            connection.setAutoCommit(true);
        }
    }

    /** A parent with 1,000 children of 3 subscriptions each: the median time of its portal view. */
    private static void portalView(Billing billing, Plan plan, HikariDataSource pool) throws SQLException {
        Company parent = billing.accounts().register(NewCompany.of("Holding", "it@holding.example"));
        Actor actor = Actor.of(parent.id(), "admin@holding.example");
        List<Company> children = new ArrayList<>();
        for (int c = 0; c < 1_000; c++) {
            children.add(billing.accounts().registerChild(actor, parent.id(),
                    NewCompany.of("Child " + c, "it@child" + c + ".example")));
        }
        seed(pool, children, plan, 3_000);
        long[] nanos = new long[Integer.getInteger("portal.reads", 51)];
        int rows = 0;
        for (int i = 0; i < nanos.length; i++) {
            long begin = System.nanoTime();
            List<SubscriptionView> view = billing.subscriptions().active(actor, parent.id(), Scope.WITH_DESCENDANTS);
            nanos[i] = System.nanoTime() - begin;
            rows = view.size();
        }
        Arrays.sort(nanos);
        System.out.printf("portal view of 1,000 children x 3 subscriptions (%,d rows): median %.1f ms, "
                + "min %.1f ms, max %.1f ms over %d reads%n", rows, nanos[nanos.length / 2] / 1e6, nanos[0] / 1e6,
                nanos[nanos.length - 1] / 1e6, nanos.length);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
