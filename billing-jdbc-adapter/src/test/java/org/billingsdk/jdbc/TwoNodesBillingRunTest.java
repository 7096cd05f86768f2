package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.jdbc.RenewalWorkload.RENEWAL;
import static org.billingsdk.jdbc.RenewalWorkload.SERIES;
import static org.billingsdk.jdbc.RenewalWorkload.scalar;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import javax.sql.DataSource;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each with its own connection pool and two billing-run workers, run the billing run at
 * the same moment over the same 10,000 due subscriptions on a real PostgreSQL: four threads claim
 * pages at once.
 */
class TwoNodesBillingRunTest {

    private static final int SUBSCRIPTIONS = 10_000;

    @Test
    void twoNodesOfTwoWorkersRunningAtOnceBillEveryPeriodOnceWithGaplessNumbersAndChargeEachInvoiceOnce() throws Exception {
        DataSource nodeA = TestDatabases.postgres();
        RenewalWorkload workload = new RenewalWorkload();
        workload.seed(nodeA, 100, SUBSCRIPTIONS);

        try (HikariDataSource nodeB = TestDatabases.secondPostgresPool()) {
            Billing a = workload.node(JdbcStorage.forDataSource(nodeA), 2);
            Billing b = workload.node(JdbcStorage.forDataSource(nodeB), 2);
            List<BillingRunReport> reports = RenewalWorkload.runAtOnce(a, b);
            BillingRunReport reportA = reports.get(0);
            BillingRunReport reportB = reports.get(1);

            System.out.printf("node A invoiced %d, node B invoiced %d%n", reportA.invoicesIssued(),
                    reportB.invoicesIssued());
            assertThat(reportA.failures() + reportB.failures()).isZero();
            assertThat(reportA.invoicesIssued() + reportB.invoicesIssued()).isEqualTo(SUBSCRIPTIONS);
        }
        assertThat(scalar(nodeA, "SELECT count(*) FROM billing_invoice_line")).isEqualTo(SUBSCRIPTIONS);
        assertThat(scalar(nodeA, "SELECT count(DISTINCT subscription_id) FROM billing_invoice_line WHERE period_start = ?",
                java.time.OffsetDateTime.ofInstant(RENEWAL, java.time.ZoneOffset.UTC))).isEqualTo(SUBSCRIPTIONS);
        assertThat(scalar(nodeA, "SELECT count(*) FROM billing_invoice WHERE series = ?", SERIES))
                .isEqualTo(SUBSCRIPTIONS);
        assertThat(scalar(nodeA, "SELECT min(sequence_number) FROM billing_invoice WHERE series = ?", SERIES))
                .isEqualTo(1);
        assertThat(scalar(nodeA, "SELECT max(sequence_number) FROM billing_invoice WHERE series = ?", SERIES))
                .isEqualTo(SUBSCRIPTIONS);
        assertThat(scalar(nodeA, "SELECT count(DISTINCT invoice_id) FROM billing_payment WHERE status = 'SUCCEEDED'"))
                .isEqualTo(SUBSCRIPTIONS);
        assertThat(scalar(nodeA, "SELECT count(*) FROM billing_payment")).isEqualTo(SUBSCRIPTIONS);
        assertThat(workload.payments.distinctCharges()).isEqualTo(SUBSCRIPTIONS);
        assertThat(scalar(nodeA, "SELECT count(*) FROM billing_subscription WHERE paid_through <= ?",
                java.time.OffsetDateTime.ofInstant(RENEWAL, java.time.ZoneOffset.UTC))).isZero();
    }
}
