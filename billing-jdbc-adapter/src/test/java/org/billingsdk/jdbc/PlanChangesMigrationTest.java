package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aLine;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.aTestInvoiceNumber;
import static org.billingsdk.core.contract.ContractData.anInvoice;
import static org.billingsdk.core.contract.ContractData.eur;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.contract.ContractData;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.subscription.Subscription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migration V8 on a database holding rows earlier schemas wrote: a subscription read back has no
 * scheduled change, every invoice line bills a period, and a period billed before the migration is
 * still never billed twice, while a change may prorate it.
 */
class PlanChangesMigrationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "h2"})
    void rowsWrittenBeforeChangesReadBackAsPeriodsAndKeepTheirPeriodsKeyed(String database) throws SQLException {
        try (HikariDataSource dataSource = OldSchemaRows.newDatabase(database)) {
            OldSchemaRows.migrateTo(dataSource, "3");
            JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
            Company company = OldSchemaRows.insertCompanyBeforeV9(dataSource, aCompany("Acme"));
            Plan plan = OldSchemaRows.aStoredPlan(storage, dataSource);
            Subscription written = OldSchemaRows.insertSubscriptionBeforeV7(dataSource, company.rootId().value(),
                    aSubscription(company, plan, NOW));
            Invoice old = anInvoice(company, written, NOW).withVersion(1);
            try (Connection connection = dataSource.getConnection()) {
                OldSchemaRows.insertInvoiceBeforeV4(connection, company.rootId().value(), old);
            }

            TestDatabases.migrate(dataSource);

            Subscription subscription = storage.subscriptions().findById(written.id()).orElseThrow();
            assertThat(subscription.scheduledChange()).isNull();
            assertThat(storage.subscriptions().findSummaries(List.of(company.id()), true)).singleElement()
                    .satisfies(summary -> assertThat(summary.scheduledChange()).isNull());
            Invoice read = storage.invoices().findById(old.id()).orElseThrow();
            assertThat(read.lines()).extracting(InvoiceLine::kind).containsOnly(InvoiceLine.Kind.PERIOD);
            assertThat(storage.invoices().findByBilledPeriod(written.id(), NOW)).contains(read);
            assertThat(storage.invoices().findBySubscriptionPeriodEnd(written.id(),
                    read.lines().get(0).periodEnd())).containsExactly(read);

            assertThatThrownBy(() -> storage.invoices().insert(anInvoice(company, written, NOW)))
                    .isInstanceOf(DuplicateKeyException.class);
            InvoiceLine period = aLine(written, NOW, eur("49.00"));
            InvoiceLine rest = new InvoiceLine(period.productCode(), "Remaining time", period.subscriptionId(),
                    period.planId(), NOW, period.periodEnd(), 2, eur("49.00"), eur("98.00"), period.tax(),
                    InvoiceLine.Kind.REMAINING_TIME);
            Invoice change = storage.invoices().insert(Invoice.draftOf(InvoiceId.random(), company.id(),
                    ContractData.aSeller(), ContractData.aBuyer(company), List.of(rest))
                    .finalized(aTestInvoiceNumber(), NOW.plusSeconds(60), NOW.plus(Duration.ofDays(14))));
            assertThat(storage.invoices().findById(change.id())).contains(change);
            assertThat(storage.invoices().findBySubscriptionPeriodEnd(written.id(), period.periodEnd()))
                    .containsExactly(read, change);
        }
    }
}
