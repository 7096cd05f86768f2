package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migrations V11 (VAT checks) and V12 (the number a check concerns) on a database holding a company
 * with a VAT number the schema before them (V10) wrote: it has no check afterwards, is among the
 * unconfirmed numbers, takes a check, and loses it when its number is changed outside the SDK.
 */
class VatChecksMigrationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "h2"})
    void aCompanyWrittenBeforeVatChecksHasNoneIsUnconfirmedAndCanBeGivenOne(String database) throws SQLException {
        try (HikariDataSource dataSource = OldSchemaRows.newDatabase(database)) {
            OldSchemaRows.migrateTo(dataSource, "10");
            UUID id = UUID.randomUUID();
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement s = connection.prepareStatement("INSERT INTO billing_company (id, "
                            + "root_company_id, name, main_email, billing_mode, vat_number, billing_line1, "
                            + "billing_postal_code, billing_city, billing_country, created_at, version) "
                            + "VALUES (?, ?, 'Acme GmbH', 'it@acme.example', 'DIRECT', 'DE136695976', "
                            + "'Friedrichstraße 1', '10117', 'Berlin', 'DE', ?, 1)")) {
                s.setObject(1, id);
                s.setObject(2, id);
                s.setObject(3, OffsetDateTime.of(2026, 1, 15, 9, 0, 0, 0, ZoneOffset.UTC));
                s.executeUpdate();
            }

            TestDatabases.migrate(dataSource);

            JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
            Company read = storage.companies().findById(new CompanyId(id)).orElseThrow();
            assertThat(read.vatCheck()).isNull();
            assertThat(read.vatNumber()).contains(VatNumber.of("DE136695976"));
            assertThat(storage.companies().findUnconfirmedVatNumbers(null, 10)).containsExactly(read);
            VatCheck check = VatCheck.valid(VatNumber.of("DE136695976"), Instant.parse("2026-12-08T09:00:00Z"),
                    "WAPIAAAAXYZ", "Acme GmbH", "Friedrichstraße 1\n10117 Berlin");
            Company checked = storage.companies().update(read.withVatCheck(check));
            assertThat(storage.companies().findById(read.id())).contains(checked);
            assertThat(checked.vatCheck()).isEqualTo(check);
            assertThat(storage.companies().findUnconfirmedVatNumbers(null, 10)).isEmpty();

            // A number changed outside the SDK does not take over the other number's evidence (V12).
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement s = connection.prepareStatement(
                            "UPDATE billing_company SET vat_number = 'DE129273398' WHERE id = ?")) {
                s.setObject(1, id);
                s.executeUpdate();
            }
            assertThat(storage.companies().findById(read.id()).orElseThrow().vatCheck()).isNull();
        }
    }
}
