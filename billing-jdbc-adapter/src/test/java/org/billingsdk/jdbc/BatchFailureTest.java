package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentId;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch of multi-row inserts that the database refuses is reported with the database's error,
 * not with the failing statement spelled out with every row's values; one refused for a taken key
 * leaves none of its rows, and the transaction usable (H2 goes on with a batch after a failure).
 */
class BatchFailureTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aTakenKeyDeepInALargeBatchLeavesNoneOfItAndTheTransactionGoesOn(String name) throws SQLException {
        DataSource database = TestDatabases.named(name);
        JdbcStorage storage = JdbcStorage.forDataSource(database);
        BillingFixture fixture = BillingFixture.on(storage);
        Company company = fixture.root("Acme");
        fixture.billing.subscriptions().subscribe(BillingFixture.actor(company), company.id(), fixture.monthly.id());
        InvoiceId invoice = onlyInvoiceOf(database, company);
        Instant now = fixture.clock.instant();
        List<Payment> attempts = new ArrayList<>();
        for (int i = 0; i < 350; i++) {
            // Attempt 1 was made when the company subscribed: its key is taken.
            attempts.add(attempt(invoice, company, i == 50 ? 1 : i + 2, now));
        }
        Payment afterwards = attempt(invoice, company, 1_000, now);

        storage.inTransaction(() -> {
            assertThatExceptionOfType(DuplicateKeyException.class)
                    .isThrownBy(() -> storage.payments().insertAll(attempts));
            return storage.payments().insert(afterwards);
        });

        assertThat(storage.payments().findByInvoices(List.of(invoice))).extracting(Payment::attempt)
                .containsExactlyInAnyOrder(1, 1_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aRefusedBatchIsReportedWithTheDatabasesErrorAndNotWithTheOtherRowsValues(String name) {
        JdbcStorage storage = JdbcStorage.forDataSource(TestDatabases.named(name));
        Company company = BillingFixture.on(storage).root("Acme");
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        List<Payment> attempts = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            InvoiceId unknownInvoice = InvoiceId.random();
            attempts.add(attempt(unknownInvoice, company, 1, now));
        }

        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> storage.inTransaction(() -> storage.payments().insertAll(attempts)))
                .withMessageContaining("SQL state 2350")
                .satisfies(e -> {
                    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                        assertThat(cause.getMessage()).as(cause.getClass().getName())
                                .doesNotContain(attempts.get(50).idempotencyKey().value());
                    }
                });
        assertThat(storage.payments().findAllByIdempotencyKey(
                attempts.stream().map(Payment::idempotencyKey).toList())).isEmpty();
    }

    private static Payment attempt(InvoiceId invoice, Company company, int attempt, Instant at) {
        return new Payment(PaymentId.random(), invoice, company.id(), attempt, IdempotencyKey.forAttempt(invoice,
                attempt),
                BillingFixture.eur("59.29"), null, null, PaymentStatus.UNKNOWN, null, null, null, null, at, at, 0);
    }

    private static InvoiceId onlyInvoiceOf(DataSource database, Company company) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id FROM billing_invoice WHERE company_id = ?")) {
            query.setObject(1, company.id().value());
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                InvoiceId id = new InvoiceId(rows.getObject(1, UUID.class));
                assertThat(rows.next()).isFalse();
                return id;
            }
        }
    }
}
