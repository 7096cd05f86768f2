package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.jdbc.RenewalWorkload.RENEWAL;
import static org.billingsdk.jdbc.RenewalWorkload.SERIES;
import static org.billingsdk.jdbc.RenewalWorkload.scalar;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.port.AuditLog;
import org.billingsdk.core.port.CatalogStore;
import org.billingsdk.core.port.CompanyStore;
import org.billingsdk.core.port.EventOutbox;
import org.billingsdk.core.port.InvoiceNumbering;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.PaymentMethodStore;
import org.billingsdk.core.port.PaymentStore;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.subscription.SubscriptionId;
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
            Storage killing = new KillingStorage(JdbcStorage.forDataSource(victim), admin, kills);
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

    /** Kills every connection of the victim pool, mid-transaction, at the 300th, 900th and 1500th invoice. */
    private static void killVictims(DataSource admin) {
        try (Connection connection = admin.getConnection(); PreparedStatement kill = connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            kill.setString(1, VICTIM);
            kill.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not kill the victim's connections", e);
        }
    }

    /** A storage that, on chosen invoice inserts, has the database kill its own connections first. */
    private static final class KillingStorage implements Storage {

        private final Storage delegate;
        private final InvoiceStore invoices;

        KillingStorage(Storage delegate, DataSource admin, AtomicInteger kills) {
            this.delegate = delegate;
            AtomicInteger inserts = new AtomicInteger();
            InvoiceStore real = delegate.invoices();
            this.invoices = new InvoiceStore() {
                @Override
                public Invoice insert(Invoice invoice) {
                    int n = inserts.incrementAndGet();
                    if (n == 300 || n == 900 || n == 1500) {
                        kills.incrementAndGet();
                        killVictims(admin);
                    }
                    return real.insert(invoice);
                }

                @Override
                public Invoice update(Invoice invoice) {
                    return real.update(invoice);
                }

                @Override
                public Optional<Invoice> findById(InvoiceId id) {
                    return real.findById(id);
                }

                @Override
                public List<Invoice> findByCompanies(Collection<CompanyId> companyIds, Cursor after, int limit) {
                    return real.findByCompanies(companyIds, after, limit);
                }

                @Override
                public List<Invoice> findOpenBySubscription(SubscriptionId subscription) {
                    return real.findOpenBySubscription(subscription);
                }

                @Override
                public boolean existsForPeriod(SubscriptionId subscription, java.time.Instant periodStart) {
                    return real.existsForPeriod(subscription, periodStart);
                }

                @Override
                public List<Invoice> findPaymentDue(java.time.Instant now, InvoiceId after, int limit) {
                    return real.findPaymentDue(now, after, limit);
                }
            };
        }

        @Override
        public CompanyStore companies() {
            return delegate.companies();
        }

        @Override
        public CatalogStore catalog() {
            return delegate.catalog();
        }

        @Override
        public SubscriptionStore subscriptions() {
            return delegate.subscriptions();
        }

        @Override
        public AuditLog audit() {
            return delegate.audit();
        }

        @Override
        public EventOutbox outbox() {
            return delegate.outbox();
        }

        @Override
        public InvoiceStore invoices() {
            return invoices;
        }

        @Override
        public InvoiceNumbering invoiceNumbers() {
            return delegate.invoiceNumbers();
        }

        @Override
        public PaymentMethodStore paymentMethods() {
            return delegate.paymentMethods();
        }

        @Override
        public PaymentStore payments() {
            return delegate.payments();
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return delegate.inTransaction(work);
        }
    }
}
