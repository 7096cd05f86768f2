package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.jdbc.RenewalWorkload.RENEWAL;
import static org.billingsdk.jdbc.RenewalWorkload.SERIES;
import static org.billingsdk.jdbc.RenewalWorkload.scalar;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.testing.ForwardingInvoiceStore;
import org.billingsdk.core.testing.ForwardingStorage;
import org.junit.jupiter.api.Test;

/**
 * The database kills the billing run's connections in the middle of transactions
 * ({@code pg_terminate_backend}); the next runs complete the work without losing or repeating any.
 */
class ConnectionKilledMidRunTest {

    private static final int SUBSCRIPTIONS = 2_000;
    private static final String VICTIM = "billing-victim";

    @Test
    void aRunWhoseConnectionsAreKilledIsCompletedByTheNextRunWithoutLossOrDuplicates() {
        DataSource admin = TestDatabases.postgres();
        RenewalWorkload workload = new RenewalWorkload();
        workload.seed(admin, 50, SUBSCRIPTIONS);
        AtomicInteger kills = new AtomicInteger();

        try (HikariDataSource victim = TestDatabases.secondPostgresPool(VICTIM)) {
            Storage killing = new KillingStorage(JdbcStorage.forDataSource(victim), kills);
            Billing node = workload.node(killing);
            BillingRunReport interrupted = node.run(RENEWAL);
            BillingRunReport completing = workload.node(JdbcStorage.forDataSource(victim)).run(RENEWAL);
            BillingRunReport reconciling = workload.node(JdbcStorage.forDataSource(victim))
                    .run(RENEWAL.plus(Duration.ofHours(2)));

            System.out.printf("killed %d times; interrupted run %s; completing run %s; reconciling run %s%n",
                    kills.get(), interrupted, completing, reconciling);
            assertThat(kills.get()).isEqualTo(3);
            assertThat(interrupted.failures()).isPositive();
        }
        assertThat(scalar(admin, "SELECT count(*) FROM billing_invoice_line")).isEqualTo(SUBSCRIPTIONS);
        assertThat(scalar(admin, "SELECT count(DISTINCT subscription_id) FROM billing_invoice_line"))
                .isEqualTo(SUBSCRIPTIONS);
        assertThat(scalar(admin, "SELECT max(sequence_number) FROM billing_invoice WHERE series = ?", SERIES))
                .isEqualTo(SUBSCRIPTIONS);
        assertThat(scalar(admin, "SELECT count(*) FROM billing_invoice WHERE state = 'PAID'")).isEqualTo(SUBSCRIPTIONS);
        assertThat(scalar(admin, "SELECT count(*) FROM billing_payment WHERE status = 'SUCCEEDED'"))
                .isEqualTo(SUBSCRIPTIONS);
        assertThat(workload.payments.distinctCharges()).isEqualTo(scalar(admin, "SELECT count(*) FROM billing_payment"));
        assertThat(scalar(admin, "SELECT count(*) FROM billing_subscription WHERE next_due_at <= ?",
                java.time.OffsetDateTime.ofInstant(RENEWAL, java.time.ZoneOffset.UTC))).isZero();
    }

    /**
     * A storage that, on chosen invoice inserts (the 300th, 900th and 1500th), has the database
     * kill its own connections first, mid-transaction.
     */
    private static final class KillingStorage extends ForwardingStorage {

        private final InvoiceStore invoices;

        KillingStorage(Storage delegate, AtomicInteger kills) {
            super(delegate);
            AtomicInteger inserts = new AtomicInteger();
            this.invoices = new ForwardingInvoiceStore(delegate.invoices()) {
                @Override
                public Invoice insert(Invoice invoice) {
                    countInsert();
                    return super.insert(invoice);
                }

                @Override
                public List<Invoice> insertAll(List<Invoice> invoices) {
                    invoices.forEach(invoice -> countInsert());
                    return super.insertAll(invoices);
                }

                /** Kills the victim's connections before the 300th, 900th and 1500th invoice is written. */
                private void countInsert() {
                    int n = inserts.incrementAndGet();
                    if (n == 300 || n == 900 || n == 1500) {
                        kills.incrementAndGet();
                        TestDatabases.terminateConnections(VICTIM);
                    }
                }
            };
        }

        @Override
        public InvoiceStore invoices() {
            return invoices;
        }
    }
}
