package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The company-tree queries' plans on PostgreSQL, with a small tenant of 100 children beside a large
 * one of 10,000 (one of whose children has 100 of its own): each reads about the rows of the tree
 * it answers, through the indexes, never the whole table ({@code EXPLAIN (ANALYZE, FORMAT JSON)}).
 */
class CompanyTreePlanTest {

    private static final int LARGE = 10_000;
    private static final int SMALL = 100;

    private static HikariDataSource database;
    private static UUID smallRoot;
    private static UUID largeRoot;
    private static UUID region;
    private static UUID leaf;

    @BeforeAll
    static void twoTenants() throws SQLException {
        database = OldSchemaRows.newDatabase("postgres");
        TestDatabases.migrate(database);
        largeRoot = UUID.randomUUID();
        smallRoot = UUID.randomUUID();
        region = UUID.randomUUID();
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO billing_company (id, "
                        + "root_company_id, parent_id, name, main_email, billing_mode, created_at, version) "
                        + "VALUES (?, ?, ?, ?, 'it@example.com', 'DIRECT', ?, 1)")) {
            add(insert, largeRoot, largeRoot, null, "Large");
            add(insert, region, largeRoot, largeRoot, "Region");
            for (int i = 1; i < LARGE; i++) {
                add(insert, UUID.randomUUID(), largeRoot, largeRoot, "Large child " + i);
            }
            for (int i = 0; i < SMALL; i++) {
                leaf = UUID.randomUUID();
                add(insert, leaf, largeRoot, region, "Region child " + i);
            }
            add(insert, smallRoot, smallRoot, null, "Small");
            for (int i = 0; i < SMALL; i++) {
                add(insert, UUID.randomUUID(), smallRoot, smallRoot, "Small child " + i);
            }
            insert.executeBatch();
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE billing_company");
            }
        }
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static void add(PreparedStatement insert, UUID id, UUID root, UUID parent, String name)
            throws SQLException {
        insert.setObject(1, id);
        insert.setObject(2, root);
        insert.setObject(3, parent);
        insert.setString(4, name);
        insert.setObject(5, OffsetDateTime.of(2026, 1, 15, 9, 0, 0, 0, ZoneOffset.UTC));
        insert.addBatch();
    }

    @Test
    void theSmallTenantIsReadThroughItsIndexBesideTheLargeOne() throws SQLException {
        ExplainedPlan plan = explain(JdbcCompanyStore.TENANT_OF_ROOT, smallRoot);

        assertThat(plan.rowsOut()).isEqualTo(SMALL + 1);
        assertThat(plan.seqScans()).as(plan.json()).isEmpty();
        assertThat(plan.rowsRead("billing_company")).as(plan.json()).isLessThanOrEqualTo(3 * (SMALL + 1));
    }

    @Test
    void aSubtreeInsideTheLargeTenantIsWalkedThroughTheParentIndex() throws SQLException {
        ExplainedPlan plan = explain(JdbcCompanyStore.SUBTREE_WALK, region);

        assertThat(plan.rowsOut()).isEqualTo(SMALL + 1);
        assertThat(plan.seqScans()).as(plan.json()).isEmpty();
        assertThat(plan.rowsRead("billing_company")).as(plan.json()).isLessThanOrEqualTo(3 * (SMALL + 1));
    }

    @Test
    void theAccessCheckWalksUpFromTheCandidateAndReadsItsLineageOnly() throws SQLException {
        ExplainedPlan plan = explain(JdbcCompanyStore.LINEAGE_HOLDS, leaf, largeRoot);

        assertThat(plan.rowsOut()).isEqualTo(1);
        assertThat(plan.seqScans()).as(plan.json()).isEmpty();
        assertThat(plan.rowsRead("billing_company")).as(plan.json()).isLessThanOrEqualTo(10);
    }

    /** What {@code EXPLAIN ANALYZE} says of a query run with {@code ids} for its parameters. */
    private static ExplainedPlan explain(String sql, UUID... ids) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
            for (int i = 0; i < ids.length; i++) {
                explain.setObject(i + 1, ids[i]);
            }
            try (ResultSet row = explain.executeQuery()) {
                row.next();
                return new ExplainedPlan(JsonMapper.shared().readTree(row.getString(1)).path(0).path("Plan"));
            }
        }
    }
}
