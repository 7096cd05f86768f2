package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aCreditNote;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.anInvoice;
import static org.billingsdk.core.contract.ContractData.eur;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.money.Monetary;
import javax.sql.DataSource;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.invoice.Invoice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Credit notes and credit entries are read back through their types: a row written by something
 * other than this adapter, with a value a type refuses (a reason, destination, VAT treatment or
 * country, email or entry kind the SDK does not know), reads as a {@link StorageException} naming
 * the column, never as a half-checked value or an {@link IllegalArgumentException}.
 */
class StoredCreditValuesTest {

    @ParameterizedTest(name = "{0} = {1} on {2}")
    @CsvSource({
            "reason, GOODWILL, h2", "destination, WIRE_TRANSFER, h2", "buyer_email, jane.doe@, h2",
            "tax_treatment, ZERO_RATED, h2", "tax_country, XX, h2",
            "reason, GOODWILL, postgres", "destination, WIRE_TRANSFER, postgres", "buyer_email, jane.doe@, postgres",
            "tax_treatment, ZERO_RATED, postgres", "tax_country, XX, postgres"})
    void aStoredCreditNoteValueTheTypesRefuseReadsAsAStorageFailureNamingItsColumn(String column, String value,
            String database) throws SQLException {
        DataSource dataSource = TestDatabases.named(database);
        JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
        Company company = storage.companies().insert(aCompany("Acme"));
        CreditNote note = storage.creditNotes().insert(aCreditNote(anInvoiceOf(storage, company), NOW));
        String table = column.startsWith("tax_") ? "billing_credit_note_line" : "billing_credit_note";
        String key = column.startsWith("tax_") ? "credit_note_id" : "id";
        set(dataSource, "UPDATE " + table + " SET " + column + " = ? WHERE " + key + " = ?", value,
                note.id().value());

        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> storage.creditNotes().findById(note.id()))
                .withMessageContaining(column);
        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> storage.creditNotes().findByInvoice(note.invoiceId()))
                .withMessageContaining(column);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "h2"})
    void aStoredEntryOfAKindTheSdkDoesNotKnowReadsAsAStorageFailureNamingItsColumn(String database)
            throws SQLException {
        DataSource dataSource = TestDatabases.named(database);
        JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
        Company company = storage.companies().insert(aCompany("Acme"));
        storage.creditLedger().appendAll(List.of(CreditEntry.after(Optional.empty(), company.id(), eur("10.00"),
                CreditEntry.Kind.CREDITED, CreditNoteId.random(), null, NOW)));
        set(dataSource, "UPDATE billing_credit_entry SET kind = ? WHERE company_id = ?", "GIFT",
                company.id().value());

        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> storage.creditLedger().latestOf(List.of(company.id())))
                .withMessageContaining("kind");
        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> storage.creditLedger().findByCompany(company.id(), Monetary.getCurrency("EUR"), 0,
                        10))
                .withMessageContaining("kind");
    }

    private static Invoice anInvoiceOf(JdbcStorage storage, Company company) {
        Product product = aProduct();
        storage.catalog().insertProduct(product);
        Plan plan = aPlan(product);
        storage.catalog().insertPlan(plan);
        return storage.invoices().insert(anInvoice(company, storage.subscriptions().insert(aSubscription(company,
                plan, NOW)), NOW));
    }

    private static void set(DataSource dataSource, String sql, String value, UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, value);
            update.setObject(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
