package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCardSetup;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aSepaMandate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.SetupSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Payment-method details and set-ups are stored as their text and read back through their
 * records: a row written by something other than this adapter, with text a record refuses, reads
 * as a {@link StorageException} naming the column, never as a half-checked value.
 */
class StoredPaymentDetailsTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"last4, h2", "sepa_mandate, h2", "last4, postgres", "sepa_mandate, postgres"})
    void aStoredMethodDetailTheRecordsRefuseReadsAsAStorageFailure(String column, String database)
            throws SQLException {
        DataSource dataSource = TestDatabases.named(database);
        JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
        Company company = storage.companies().insert(aCompany("Acme"));
        PaymentMethod mandate = storage.paymentMethods().insert(aSepaMandate(company, NOW));
        write(dataSource, "UPDATE billing_payment_method SET " + column + " = ? WHERE id = ?", "a b",
                mandate.id().value());

        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> storage.paymentMethods().findById(mandate.id()))
                .withMessageContaining(column);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"client_secret, h2", "redirect_url, h2", "client_secret, postgres", "redirect_url, postgres"})
    void aStoredSetupTheRecordsRefuseReadsAsAStorageFailureWithoutQuotingTheSecret(String column, String database)
            throws SQLException {
        DataSource dataSource = TestDatabases.named(database);
        JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
        Company company = storage.companies().insert(aCompany("Acme"));
        SetupSession setup = aCardSetup(company);
        storage.paymentSetups().insert(setup);
        write(dataSource, "UPDATE billing_payment_setup SET " + column + " = ? WHERE id = ?", "seti_x secret_Qz7",
                setup.id().value());

        StorageException refused = catchThrowableOfType(StorageException.class,
                () -> storage.paymentSetups().findById(setup.id()));

        assertThat(refused).hasMessageContaining(column);
        if (column.equals("client_secret")) {
            assertThat(refused.getMessage()).doesNotContain("Qz7");
        }
    }

    private static void write(DataSource dataSource, String sql, String text, UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, text);
            update.setObject(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
