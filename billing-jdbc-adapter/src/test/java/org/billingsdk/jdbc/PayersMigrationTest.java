package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.billingsdk.core.company.BillingDay;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migrations V9 (payers) and V10 (billing days) on a database holding companies the schema before
 * them (V8) wrote: each pays for itself afterwards, without a billing day, and a payer and a
 * billing day can then be set and read back.
 */
class PayersMigrationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "h2"})
    void companiesWrittenBeforePayersPayForThemselvesWithoutABillingDayAndCanBeGivenBoth(String database) throws SQLException {
        try (HikariDataSource dataSource = OldSchemaRows.newDatabase(database)) {
            OldSchemaRows.migrateTo(dataSource, "8");
            UUID root = UUID.randomUUID();
            UUID child = UUID.randomUUID();
            insertBeforeV9(dataSource, root, root, null, "Acme Holding");
            insertBeforeV9(dataSource, child, root, root, "Acme Berlin");

            TestDatabases.migrate(dataSource);

            JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
            Company read = storage.companies().findById(new CompanyId(child)).orElseThrow();
            assertThat(read.payerId()).isNull();
            assertThat(read.payer()).isEqualTo(read.id());
            assertThat(read.name()).isEqualTo("Acme Berlin");
            assertThat(read.parentId()).isEqualTo(new CompanyId(root));
            Company paidFor = storage.companies().update(read.withPayer(new CompanyId(root)));
            assertThat(storage.companies().findById(read.id())).contains(paidFor);
            assertThat(paidFor.payer()).isEqualTo(new CompanyId(root));

            Company holding = storage.companies().findById(new CompanyId(root)).orElseThrow();
            assertThat(holding.billingDay()).isNull();
            Company billedOnADay = storage.companies().update(holding.withBillingDay(BillingDay.of(28)));
            assertThat(storage.companies().findById(holding.id())).contains(billedOnADay);
            assertThat(billedOnADay.billingDay()).isEqualTo(BillingDay.of(28));
        }
    }

    /** A company as the schema before V9 keeps one (no payer), at version 1. */
    private static void insertBeforeV9(HikariDataSource dataSource, UUID id, UUID root, UUID parent, String name)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement s = connection.prepareStatement("INSERT INTO billing_company (id, root_company_id, "
                        + "parent_id, name, main_email, billing_mode, created_at, version) "
                        + "VALUES (?, ?, ?, ?, ?, 'DIRECT', ?, 1)")) {
            s.setObject(1, id);
            s.setObject(2, root);
            s.setObject(3, parent);
            s.setString(4, name);
            s.setString(5, "owner@acme.example");
            s.setObject(6, OffsetDateTime.of(2026, 1, 15, 9, 0, 0, 0, ZoneOffset.UTC));
            s.executeUpdate();
        }
    }
}
