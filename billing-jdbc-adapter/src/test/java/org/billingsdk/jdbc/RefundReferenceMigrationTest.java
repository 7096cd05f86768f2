package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCard;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.anInvoice;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.RefundReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migration V3 on a database holding rows the previous schema (V2) wrote: a refund recorded
 * then kept its id only in its message; afterwards it reads back with the id as its refund
 * reference, and every other payment reads back as it was written.
 */
class RefundReferenceMigrationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "h2"})
    void paymentsWrittenByThePreviousSchemaReadBackWithTheirRefundAsData(String database) throws SQLException {
        try (HikariDataSource dataSource = OldSchemaRows.newDatabase(database)) {
            OldSchemaRows.migrateTo(dataSource, "2");
            JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
            Company company = OldSchemaRows.insertCompanyBeforeV9(dataSource, aCompany("Acme"));
            Plan plan = OldSchemaRows.aStoredPlan(storage, dataSource);
            var subscription = OldSchemaRows.insertSubscriptionBeforeV7(dataSource, company.rootId().value(),
                    aSubscription(company, plan, NOW));
            Invoice refundedInvoice = anInvoice(company, subscription, NOW).withVersion(1);
            Invoice paidInvoice = anInvoice(company, subscription, NOW.plus(Duration.ofDays(31))).withVersion(1);
            PaymentMethod card = storage.paymentMethods().insert(aCard(company, NOW));
            try (Connection connection = dataSource.getConnection()) {
                OldSchemaRows.insertInvoiceBeforeV4(connection, company.rootId().value(), refundedInvoice);
                OldSchemaRows.insertInvoiceBeforeV4(connection, company.rootId().value(), paidInvoice);
                insertAsV2(connection, company, refundedInvoice, card, "REFUNDED", "pi_refunded",
                        "refunded as re_3N9xYz");
                insertAsV2(connection, company, paidInvoice, card, "SUCCEEDED", "pi_paid", null);
            }

            TestDatabases.migrate(dataSource);

            Payment refunded = storage.payments().findByIdempotencyKey(
                    IdempotencyKey.forAttempt(refundedInvoice.id(), 1)).orElseThrow();
            Payment paid = storage.payments().findByIdempotencyKey(
                    IdempotencyKey.forAttempt(paidInvoice.id(), 1)).orElseThrow();
            assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
            assertThat(refunded.refundReference()).isEqualTo(RefundReference.of("re_3N9xYz"));
            assertThat(refunded.providerReference()).isEqualTo(ChargeReference.of("pi_refunded"));
            assertThat(refunded.paymentMethodReference()).isEqualTo(card.providerReference());
            assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(paid.refundReference()).isNull();
            assertThat(paid.providerReference()).isEqualTo(ChargeReference.of("pi_paid"));
            assertThat(paid.amount()).isEqualTo(paidInvoice.total());
        }
    }

    /** A payment row as the V2 schema held it: no refund_reference column. */
    private static void insertAsV2(Connection connection, Company company, Invoice invoice, PaymentMethod card,
            String status, String chargeReference, String message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO billing_payment (id, "
                + "root_company_id, invoice_id, company_id, attempt, idempotency_key, amount, currency, "
                + "payment_method_id, payment_method_reference, status, provider_reference, failure_code, message, "
                + "created_at, updated_at, version) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 2)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, company.id().value());
            insert.setObject(3, invoice.id().value());
            insert.setObject(4, company.id().value());
            insert.setString(5, "invoice-" + invoice.id() + "-attempt-1");
            insert.setBigDecimal(6, invoice.total().getNumber().numberValueExact(BigDecimal.class));
            insert.setString(7, invoice.total().getCurrency().getCurrencyCode());
            insert.setObject(8, card.id().value());
            insert.setString(9, card.providerReference().value());
            insert.setString(10, status);
            insert.setString(11, chargeReference);
            insert.setString(12, message);
            insert.setTimestamp(13, Timestamp.from(NOW));
            insert.setTimestamp(14, Timestamp.from(NOW));
            insert.executeUpdate();
        }
    }
}
