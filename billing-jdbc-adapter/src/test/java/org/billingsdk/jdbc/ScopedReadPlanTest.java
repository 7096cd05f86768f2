package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.CompanyScope;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.subscription.SubscriptionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plans of the reads over a scope on PostgreSQL ({@code EXPLAIN (ANALYZE, FORMAT JSON)} of the
 * statements the stores run), with a tenant of 10,000 children (one of which has 100 of its own)
 * beside a tenant of 100, each child with 3 subscriptions and an invoice: a page of the portal's
 * list and of the billing history reads about the page, whichever tenant it is of, through the
 * indexes, never a whole table; a page inside the large tenant's subtree reads about that subtree.
 */
class ScopedReadPlanTest {

    private static final int LARGE = 10_000;
    private static final int SMALL = 100;
    private static final Instant NOW = Instant.parse("2026-06-15T09:00:00Z");

    private static HikariDataSource database;
    private static UUID smallRoot;
    private static UUID largeRoot;
    private static UUID region;

    private final List<JsonNode> plans = new ArrayList<>();
    private Storage storage;

    @BeforeAll
    static void twoTenants() throws SQLException {
        database = OldSchemaRows.newDatabase("postgres");
        TestDatabases.migrate(database);
        largeRoot = UUID.randomUUID();
        smallRoot = UUID.randomUUID();
        region = UUID.randomUUID();
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO billing_product (code, name, description) VALUES ('edr', 'EDR', 'EDR')");
            sql.execute("INSERT INTO billing_plan (id, product_code, price_amount, price_currency, billing_interval,"
                    + " trial_days, contract_months) VALUES ('edr-monthly', 'edr', 49, 'EUR', 'MONTHLY', 0, 0)");
            company(sql, largeRoot, largeRoot, null, "'Large'");
            company(sql, smallRoot, smallRoot, null, "'Small'");
            company(sql, region, largeRoot, largeRoot, "'Region'");
            children(sql, largeRoot, largeRoot, LARGE - 1, "Large child ");
            children(sql, largeRoot, region, SMALL, "Region child ");
            children(sql, smallRoot, smallRoot, SMALL, "Small child ");
            sql.execute("INSERT INTO billing_subscription (id, root_company_id, company_id, plan_id, state,"
                    + " environment_id, started_at, billing_anchor, paid_through, erasure, next_due_at, version, quantity)"
                    + " SELECT gen_random_uuid(), c.root_company_id, c.id, 'edr-monthly',"
                    + " CASE WHEN n = 3 THEN 'CANCELLED' ELSE 'ACTIVE' END, 'env-' || c.id || '-' || n,"
                    + " TIMESTAMPTZ '2026-01-01 00:00:00Z' + n * INTERVAL '1 day',"
                    + " TIMESTAMPTZ '2026-01-01 00:00:00Z', TIMESTAMPTZ '2026-07-01 00:00:00Z', 'NOT_REQUESTED',"
                    + " TIMESTAMPTZ '2026-07-01 00:00:00Z', 1, 1"
                    + " FROM billing_company c CROSS JOIN generate_series(1, 3) n WHERE c.parent_id IS NOT NULL");
            sql.execute("INSERT INTO billing_invoice (id, root_company_id, company_id, series, sequence_number, state,"
                    + " seller_name, buyer_name, currency, subtotal, tax_amount, total, issued_at, due_at,"
                    + " payment_attempts, version, credit_applied, amount_due)"
                    + " SELECT gen_random_uuid(), c.root_company_id, c.id, 'INV-2026', row_number() OVER (), 'OPEN',"
                    + " 'Seller', c.name, 'EUR', 49, 10.29, 59.29,"
                    + " TIMESTAMPTZ '2026-06-01 00:00:00Z' + (row_number() OVER ()) * INTERVAL '1 second',"
                    + " TIMESTAMPTZ '2026-06-15 00:00:00Z', 0, 1, 0, 59.29"
                    + " FROM billing_company c WHERE c.parent_id IS NOT NULL");
            sql.execute("INSERT INTO billing_invoice_line (invoice_id, line_number, root_company_id, product_code,"
                    + " description, subscription_id, plan_id, period_start, period_end, amount, quantity,"
                    + " unit_price, tax_treatment, tax_rate, tax_amount, tax_note, kind, billed_period_start,"
                    + " company_id, company_name)"
                    + " SELECT i.id, 0, i.root_company_id, 'edr', 'EDR', s.id, 'edr-monthly',"
                    + " TIMESTAMPTZ '2026-06-01 00:00:00Z', TIMESTAMPTZ '2026-07-01 00:00:00Z', 49, 1, 49,"
                    + " 'DOMESTIC', 21, 10.29, 'VAT', 'PERIOD', TIMESTAMPTZ '2026-06-01 00:00:00Z', i.company_id,"
                    + " i.buyer_name"
                    + " FROM billing_invoice i JOIN billing_subscription s ON s.company_id = i.company_id"
                    + " AND s.started_at = TIMESTAMPTZ '2026-01-02 00:00:00Z'");
            sql.execute("ANALYZE");
        }
    }

    private static void company(Statement sql, UUID id, UUID root, UUID parent, String name) throws SQLException {
        sql.execute("INSERT INTO billing_company (id, root_company_id, parent_id, name, main_email, billing_mode,"
                + " created_at, version) VALUES ('" + id + "', '" + root + "', "
                + (parent == null ? "NULL" : "'" + parent + "'") + ", " + name
                + ", 'it@example.com', 'DIRECT', TIMESTAMPTZ '2026-01-01 00:00:00Z', 1)");
    }

    private static void children(Statement sql, UUID root, UUID parent, int count, String name) throws SQLException {
        sql.execute("INSERT INTO billing_company (id, root_company_id, parent_id, name, main_email, billing_mode,"
                + " created_at, version) SELECT gen_random_uuid(), '" + root + "', '" + parent + "', '" + name
                + "' || lpad(n::text, 5, '0'), 'it@example.com', 'DIRECT', TIMESTAMPTZ '2026-01-01 00:00:00Z', 1"
                + " FROM generate_series(1, " + count + ") n");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void explainingStorage() {
        storage = JdbcStorage.forDataSource(explaining(database, plans));
    }

    private CompanyScope below(UUID company) {
        return CompanyScope.of(new CompanyId(company), Scope.WITH_DESCENDANTS, storage.companies());
    }

    private static SubscriptionStore.Listing notCancelled() {
        return new SubscriptionStore.Listing(null, EnumSet.of(SubscriptionState.TRIALING, SubscriptionState.ACTIVE,
                SubscriptionState.PAST_DUE), false, null, NOW);
    }

    @Test
    void aPageOfTheLargeTenantsListReadsAboutThePageFirstAndFifth() {
        List<SubscriptionStore.Listed> first = storage.subscriptions().findListedBelow(below(largeRoot),
                notCancelled(), null, 51);
        ExplainedPlan firstPage = lastPlan();
        SubscriptionStore.Listed last = null;
        for (int page = 0; page < 4; page++) {
            List<SubscriptionStore.Listed> rows = storage.subscriptions().findListedBelow(below(largeRoot),
                    notCancelled(), last == null ? null : last.position(), 50);
            last = rows.get(rows.size() - 1);
        }
        List<SubscriptionStore.Listed> fifth = storage.subscriptions().findListedBelow(below(largeRoot),
                notCancelled(), last.position(), 51);
        ExplainedPlan fifthPage = lastPlan();

        assertThat(first).hasSize(51).first().satisfies(row -> assertThat(row.companyName())
                .isEqualTo("Large child 00001"));
        assertThat(fifth).hasSize(51).first().satisfies(row -> assertThat(row.companyName())
                .isEqualTo("Large child 00101"));
        for (ExplainedPlan plan : List.of(firstPage, fifthPage)) {
            assertThat(plan.seqScans()).as(plan.json()).isEmpty();
            // 51 rows of 26 companies, whose cancelled third subscriptions are read and left out.
            assertThat(plan.rowsRead("billing_subscription")).as(plan.json()).isLessThanOrEqualTo(3 * 51);
            assertThat(plan.rowsRead("billing_company")).as(plan.json()).isLessThanOrEqualTo(3 * 51);
        }
    }

    @Test
    void aPageOfTheSmallTenantsListReadsAboutItsTreeBesideTheLargeOne() {
        List<SubscriptionStore.Listed> rows = storage.subscriptions().findListedBelow(below(smallRoot), notCancelled(),
                null, 51);
        ExplainedPlan plan = lastPlan();

        assertThat(rows).hasSize(51).allSatisfy(row -> assertThat(row.companyName()).startsWith("Small child"));
        assertThat(plan.seqScans()).as(plan.json()).isEmpty();
        // PostgreSQL may read the small tenant whole and sort it: about its 100 companies, never the large one's.
        assertThat(plan.rowsRead("billing_company")).as(plan.json()).isLessThanOrEqualTo(2 * (SMALL + 1));
        assertThat(plan.rowsRead("billing_subscription")).as(plan.json()).isLessThanOrEqualTo(2 * 3 * SMALL);
    }

    @Test
    void theListBelowACompanyInsideTheLargeTenantReadsAboutItsSubtree() {
        List<SubscriptionStore.Listed> rows = storage.subscriptions().findListedBelow(below(region), notCancelled(),
                null, 51);
        ExplainedPlan plan = lastPlan();

        assertThat(rows).hasSize(51).allSatisfy(row -> assertThat(row.companyName()).startsWith("Region child"));
        assertThat(plan.seqScans()).as(plan.json()).isEmpty();
        assertThat(plan.rowsRead("billing_company")).as(plan.json()).isLessThanOrEqualTo(4 * (SMALL + 1));
        assertThat(plan.rowsRead("billing_subscription")).as(plan.json()).isLessThanOrEqualTo(3 * (SMALL + 1));
    }

    @Test
    void aHistoryPageOfEitherTenantReadsAboutThePage() {
        for (UUID root : List.of(largeRoot, smallRoot)) {
            List<org.billingsdk.core.invoice.Invoice> first = storage.invoices().findInScope(below(root), null, 21);
            ExplainedPlan firstPage = planOf("billing_invoice ");
            List<org.billingsdk.core.invoice.Invoice> second = storage.invoices().findInScope(below(root),
                    InvoiceStore.Cursor.after(first.get(20)), 21);
            ExplainedPlan secondPage = planOf("billing_invoice ");

            assertThat(first).hasSize(21);
            assertThat(second).hasSize(21).first().satisfies(invoice -> assertThat(invoice.issuedAt())
                    .isBefore(first.get(20).issuedAt()));
            for (ExplainedPlan plan : List.of(firstPage, secondPage)) {
                assertThat(plan.seqScans()).as(plan.json()).isEmpty();
                assertThat(plan.rowsRead("billing_invoice")).as(plan.json()).isLessThanOrEqualTo(2 * 21);
            }
        }
    }

    @Test
    void theHistoryOfACompanyInsideTheLargeTenantReadsAboutItsSubtree() {
        List<org.billingsdk.core.invoice.Invoice> page = storage.invoices().findInScope(below(region), null, 21);
        ExplainedPlan plan = planOf("billing_invoice ");

        assertThat(page).hasSize(21);
        assertThat(plan.seqScans()).as(plan.json()).isEmpty();
        assertThat(plan.rowsRead("billing_company")).as(plan.json()).isLessThanOrEqualTo(3 * (SMALL + 1));
        assertThat(plan.rowsRead("billing_invoice")).as(plan.json()).isLessThanOrEqualTo(3 * (SMALL + 1));
    }

    @Test
    void theSmallTenantsCountsReadItsRowsOnlyBesideTheLargeOne() {
        var counts = storage.subscriptions().countListed(below(smallRoot), notCancelled());
        ExplainedPlan plan = lastPlan();

        assertThat(counts).containsEntry(SubscriptionState.ACTIVE, 2L * SMALL)
                .containsEntry(SubscriptionState.CANCELLED, (long) SMALL);
        assertThat(plan.seqScans()).as(plan.json()).isEmpty();
        assertThat(plan.rowsRead("billing_company")).as(plan.json()).isLessThanOrEqualTo(2 * (SMALL + 1));
        assertThat(plan.rowsRead("billing_subscription")).as(plan.json()).isLessThanOrEqualTo(2 * 3 * SMALL);
    }

    private ExplainedPlan lastPlan() {
        assertThat(plans).isNotEmpty();
        return new ExplainedPlan(plans.get(plans.size() - 1));
    }

    /** The last plan of a statement that reads {@code table} (the history also reads lines and payments). */
    private ExplainedPlan planOf(String table) {
        for (int i = plans.size() - 1; i >= 0; i--) {
            if (plans.get(i).path("sql").asString("").contains("FROM " + table)) {
                return new ExplainedPlan(plans.get(i));
            }
        }
        throw new AssertionError("no statement read " + table);
    }

    /**
     * A data source whose statements run {@code EXPLAIN (ANALYZE, FORMAT JSON)} of themselves, with
     * the same parameters, before each query, and keep the plan (with the statement's text).
     */
    private static DataSource explaining(DataSource target, List<JsonNode> plans) {
        return proxy(DataSource.class, (self, method, args) -> {
            Object result = call(target, method, args);
            return method.getName().equals("getConnection") ? explaining((Connection) result, plans) : result;
        });
    }

    private static Connection explaining(Connection connection, List<JsonNode> plans) {
        return proxy(Connection.class, (self, method, args) -> {
            Object result = call(connection, method, args);
            if (method.getName().equals("prepareStatement") && args.length == 1) {
                return explaining(connection, (PreparedStatement) result, (String) args[0], plans);
            }
            return result;
        });
    }

    private static PreparedStatement explaining(Connection connection, PreparedStatement statement, String sql,
            List<JsonNode> plans) {
        List<Object[]> parameters = new ArrayList<>();
        List<Method> setters = new ArrayList<>();
        return proxy(PreparedStatement.class, (self, method, args) -> {
            if (method.getName().startsWith("set") && args != null && args.length >= 2
                    && args[0] instanceof Integer) {
                setters.add(method);
                parameters.add(args);
            }
            if (method.getName().equals("executeQuery") && (args == null || args.length == 0)
                    && sql.trim().toUpperCase().matches("^(SELECT|WITH).*")) {
                try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
                    for (int i = 0; i < setters.size(); i++) {
                        setters.get(i).invoke(explain, parameters.get(i));
                    }
                    try (ResultSet row = explain.executeQuery()) {
                        row.next();
                        JsonNode plan = JsonMapper.shared().readTree(row.getString(1)).path(0).path("Plan");
                        ((tools.jackson.databind.node.ObjectNode) plan).put("sql", sql);
                        plans.add(plan);
                    }
                }
            }
            return call(statement, method, args);
        });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
