package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.anInvoice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.subscription.Subscription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Emails and VAT numbers read back as {@link EmailAddress} and {@link VatNumber}: the text stored
 * in their columns, as the adapter writes it, reads back unchanged, also when only the input
 * validation's {@code @Email} allows its form; text no such value may have (written by something
 * other than the adapter) reads as a {@link StorageException} naming the column, not the address.
 */
class StoredEmailAndVatNumberTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "h2"})
    void storedEmailsAndVatNumbersReadBackAsTheyWereWritten(String database) throws SQLException {
        DataSource dataSource = TestDatabases.named(database);
        JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
        Company company = storage.companies().insert(aCompany("Acme"));
        Invoice invoice = storage.invoices().insert(anInvoice(company, aSubscriptionOf(storage, company), NOW));
        set(dataSource, "UPDATE billing_company SET main_email = ? WHERE id = ?", "\"Jane Doe\"@[192.168.0.1]",
                company.id().value());
        set(dataSource, "UPDATE billing_invoice SET buyer_email = ?, buyer_vat_number = ? WHERE id = ?",
                "\u2003\"a@b\"@例子.广告\u00A0", "IE6+52888Q", invoice.id().value());

        assertThat(storage.companies().findById(company.id()).orElseThrow().mainEmail())
                .isEqualTo(EmailAddress.of("\"Jane Doe\"@[192.168.0.1]"));
        Invoice found = storage.invoices().findById(invoice.id()).orElseThrow();
        assertThat(found.buyer().email()).isEqualTo(EmailAddress.of("\u2003\"a@b\"@例子.广告\u00A0"));
        assertThat(found.buyer().vatNumber()).isEqualTo(VatNumber.of("IE6+52888Q"));
        assertThat(found.seller().vatNumber()).isEqualTo(invoice.seller().vatNumber());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "h2"})
    void aMainEmailNoAddressMayHaveReadsAsAStorageException(String database) throws SQLException {
        DataSource dataSource = TestDatabases.named(database);
        JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
        Company company = storage.companies().insert(aCompany("Acme"));
        set(dataSource, "UPDATE billing_company SET main_email = ? WHERE id = ?", "jane.doe at acme",
                company.id().value());

        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> storage.companies().findById(company.id()))
                .withMessageContaining("main_email").withMessageNotContaining("jane.doe");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "h2"})
    void aBuyersEmailOrVatNumberNoSuchValueMayHaveReadsAsAStorageException(String database) throws SQLException {
        DataSource dataSource = TestDatabases.named(database);
        JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
        Company company = storage.companies().insert(aCompany("Acme"));
        Invoice invoice = storage.invoices().insert(anInvoice(company, aSubscriptionOf(storage, company), NOW));

        set(dataSource, "UPDATE billing_invoice SET buyer_email = ? WHERE id = ?", "jane.doe@", invoice.id().value());
        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> storage.invoices().findById(invoice.id()))
                .withMessageContaining("buyer_email").withMessageNotContaining("jane.doe");

        set(dataSource, "UPDATE billing_invoice SET buyer_email = NULL, buyer_vat_number = ? WHERE id = ?",
                "DE136695977", invoice.id().value());
        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> storage.invoices().findById(invoice.id()))
                .withMessageContaining("buyer_vat_number");
    }

    private static Subscription aSubscriptionOf(JdbcStorage storage, Company company) {
        Product product = aProduct();
        storage.catalog().insertProduct(product);
        Plan plan = aPlan(product);
        storage.catalog().insertPlan(plan);
        return storage.subscriptions().insert(aSubscription(company, plan, NOW));
    }

    private static void set(DataSource dataSource, String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
