package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.jdbc.RenewalWorkload.RENEWAL;
import static org.billingsdk.jdbc.RenewalWorkload.SERIES;
import static org.billingsdk.jdbc.RenewalWorkload.scalar;

import com.zaxxer.hikari.HikariDataSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.company.Company;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of two workers each run the billing run at once over payers whose children's
 * subscriptions are spread over every page, beside self-paying subscriptions, on a real PostgreSQL:
 * a payer of 1,000 children with 3 subscriptions each, and one of 200, still get one invoice each
 * for the billing day, with every child's subscription on it once.
 */
class TwoNodesPayersBillingRunTest {

    private static final int SELF_PAYING = 2_000;
    private static final int SUBSCRIPTIONS_EACH = 3;
    private static final int[] CHILDREN = {1_000, 200};

    @Test
    void payersWhoseSubscriptionsSpanManyPagesGetOneInvoiceForTheDayWhenTwoNodesRunAtOnce() throws Exception {
        DataSource nodeA = TestDatabases.postgres();
        RenewalWorkload workload = new RenewalWorkload();
        workload.seed(nodeA, 100, SELF_PAYING);
        List<Company> payers = workload.seedPayers(nodeA, SUBSCRIPTIONS_EACH, CHILDREN);
        int paidFor = (CHILDREN[0] + CHILDREN[1]) * SUBSCRIPTIONS_EACH;
        int invoices = SELF_PAYING + payers.size();
        OffsetDateTime renewal = OffsetDateTime.ofInstant(RENEWAL, ZoneOffset.UTC);

        try (HikariDataSource nodeB = TestDatabases.secondPostgresPool()) {
            Billing a = workload.node(JdbcStorage.forDataSource(nodeA), 2);
            Billing b = workload.node(JdbcStorage.forDataSource(nodeB), 2);
            List<BillingRunReport> reports = RenewalWorkload.runAtOnce(a, b);
            BillingRunReport reportA = reports.get(0);
            BillingRunReport reportB = reports.get(1);

            System.out.printf("node A invoiced %d, node B invoiced %d%n", reportA.invoicesIssued(),
                    reportB.invoicesIssued());
            assertThat(reportA.failures() + reportB.failures()).isZero();
            assertThat(reportA.invoicesIssued() + reportB.invoicesIssued()).isEqualTo(invoices);
        }
        for (int p = 0; p < payers.size(); p++) {
            UUID payer = payers.get(p).id().value();
            assertThat(scalar(nodeA, "SELECT count(*) FROM billing_invoice WHERE company_id = ?", payer))
                    .as("invoices issued to payer %d", p).isEqualTo(1);
            assertThat(scalar(nodeA, "SELECT count(*) FROM billing_invoice_line l JOIN billing_invoice i"
                    + " ON i.id = l.invoice_id WHERE i.company_id = ?", payer))
                    .as("lines on payer %d's invoice", p).isEqualTo(CHILDREN[p] * SUBSCRIPTIONS_EACH);
            assertThat(scalar(nodeA, "SELECT count(DISTINCT l.company_id) FROM billing_invoice_line l"
                    + " JOIN billing_invoice i ON i.id = l.invoice_id WHERE i.company_id = ?", payer))
                    .as("sections on payer %d's invoice", p).isEqualTo(CHILDREN[p]);
        }
        assertThat(scalar(nodeA, "SELECT count(*) FROM billing_invoice_line")).isEqualTo(SELF_PAYING + paidFor);
        assertThat(scalar(nodeA, "SELECT count(DISTINCT subscription_id) FROM billing_invoice_line"
                + " WHERE period_start = ?", renewal)).isEqualTo(SELF_PAYING + paidFor);
        assertThat(scalar(nodeA, "SELECT count(*) FROM billing_invoice WHERE series = ?", SERIES))
                .isEqualTo(invoices);
        assertThat(scalar(nodeA, "SELECT min(sequence_number) FROM billing_invoice WHERE series = ?", SERIES))
                .isEqualTo(1);
        assertThat(scalar(nodeA, "SELECT max(sequence_number) FROM billing_invoice WHERE series = ?", SERIES))
                .isEqualTo(invoices);
        assertThat(scalar(nodeA, "SELECT count(*) FROM billing_invoice i WHERE i.total <> (SELECT sum(l.amount"
                + " + l.tax_amount) FROM billing_invoice_line l WHERE l.invoice_id = i.id)"))
                .as("invoices whose total is not the sum of their lines").isZero();
        assertThat(scalar(nodeA, "SELECT count(DISTINCT invoice_id) FROM billing_payment WHERE status = 'SUCCEEDED'"))
                .isEqualTo(invoices);
        assertThat(scalar(nodeA, "SELECT count(*) FROM billing_payment")).isEqualTo(invoices);
        assertThat(workload.payments.distinctCharges()).isEqualTo(invoices);
        assertThat(scalar(nodeA, "SELECT count(*) FROM billing_subscription WHERE paid_through <= ?", renewal))
                .isZero();
    }
}
