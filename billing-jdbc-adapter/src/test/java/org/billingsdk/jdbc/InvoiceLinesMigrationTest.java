package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aBuyer;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aLine;
import static org.billingsdk.core.contract.ContractData.aSeller;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.aTestInvoiceNumber;
import static org.billingsdk.core.contract.ContractData.anInvoice;
import static org.billingsdk.core.contract.ContractData.eur;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatTreatment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migration V4 on a database holding invoices the previous schema (V3) wrote, one VAT per invoice
 * and lines with only their amount: afterwards each reads back unchanged, its line at one unit
 * with the invoice's VAT, with nothing credited and its total due while it is open.
 */
class InvoiceLinesMigrationTest {

    private static Instant month(int n) {
        return NOW.plus(Duration.ofDays(31L * n));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "h2"})
    void invoicesWrittenByThePreviousSchemaReadBackUnchangedWithTheirVatOnTheirLine(String database)
            throws SQLException {
        try (HikariDataSource dataSource = OldSchemaRows.newDatabase(database)) {
            OldSchemaRows.migrateTo(dataSource, "3");
            JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
            Company company = OldSchemaRows.insertCompanyBeforeV9(dataSource, aCompany("Acme"));
            Plan plan = OldSchemaRows.aStoredPlan(storage, dataSource);
            Subscription subscription = OldSchemaRows.insertSubscriptionBeforeV7(dataSource, company.rootId().value(),
                    aSubscription(company, plan, NOW));
            Subscription second = OldSchemaRows.insertSubscriptionBeforeV7(dataSource, company.rootId().value(),
                    aSubscription(company, plan, NOW));
            TaxLine reverseCharge = new TaxLine(VatTreatment.REVERSE_CHARGE, CountryCode.of("DE"), BigDecimal.ZERO,
                    eur("0.00"), TaxLine.REVERSE_CHARGE_NOTE);

            Invoice open = anInvoice(company, subscription, month(0)).withVersion(1);
            Invoice paid = anInvoice(company, subscription, month(1)).attempted(1, null).paid(month(1))
                    .withVersion(3);
            Invoice voided = anInvoice(company, subscription, month(2)).voided(month(2)).withVersion(2);
            Invoice uncollectible = anInvoice(company, subscription, month(3)).attempted(4, null)
                    .uncollectible(month(4)).withVersion(5);
            Invoice reverseCharged = issued(company, aLine(subscription, month(5), eur("49.00"), reverseCharge));
            Invoice twoLines = issued(company, aLine(subscription, month(6), eur("49.00")),
                    aLine(second, month(6), eur("19.99")));
            List<Invoice> written = List.of(open, paid, voided, uncollectible, reverseCharged, twoLines);
            try (Connection connection = dataSource.getConnection()) {
                for (Invoice invoice : written) {
                    OldSchemaRows.insertInvoiceBeforeV4(connection, company.rootId().value(), invoice);
                }
            }

            TestDatabases.migrate(dataSource);

            for (Invoice invoice : List.of(open, paid, voided, uncollectible, reverseCharged)) {
                assertThat(storage.invoices().findById(invoice.id())).as("%s", invoice.state())
                        .hasValueSatisfying(read -> sameForItsCompany(read, invoice));
            }
            assertThat(storage.invoices().findById(open.id()).orElseThrow().amountDue()).isEqualTo(open.total());
            assertThat(storage.invoices().findById(uncollectible.id()).orElseThrow().amountDue())
                    .isEqualTo(uncollectible.total());
            assertThat(storage.invoices().findById(paid.id()).orElseThrow().amountDue().isZero()).isTrue();
            // An invoice of two lines kept one VAT (10.29 + 4.20 on 68.99): its first line takes it.
            Invoice migrated = storage.invoices().findById(twoLines.id()).orElseThrow();
            assertThat(migrated.lines()).extracting(line -> line.tax().amount())
                    .containsExactly(eur("14.49"), eur("0.00"));
            assertThat(migrated.lines()).extracting(line -> line.tax().ratePercent())
                    .usingElementComparator(BigDecimal::compareTo)
                    .containsExactly(new BigDecimal("21"), new BigDecimal("21"));
            assertThat(migrated.taxTotal()).isEqualTo(twoLines.taxTotal());
            assertThat(migrated.total()).isEqualTo(twoLines.total());

            Invoice settled = storage.invoices().update(open.attempted(1, null).paid(month(1)));
            assertThat(storage.invoices().findById(open.id()))
                    .hasValueSatisfying(read -> sameForItsCompany(read, settled));
            assertThat(settled.state()).isEqualTo(InvoiceState.PAID);
            Invoice newer = storage.invoices().insert(anInvoice(company, subscription, month(7)));
            assertThat(storage.invoices().findById(newer.id())).contains(newer);
        }
    }

    /**
     * The invoice read back is the one written, its lines now naming the invoice's company and
     * bill-to name (V9 fills them in for the lines written before).
     */
    private static void sameForItsCompany(Invoice read, Invoice written) {
        assertThat(read).usingRecursiveComparison().ignoringFields("lines.companyId", "lines.companyName")
                .isEqualTo(written);
        assertThat(read.lines()).allSatisfy(line -> {
            assertThat(line.companyId()).isEqualTo(written.companyId());
            assertThat(line.companyName()).isEqualTo(written.buyer().name());
        });
    }

    private static Invoice issued(Company company, InvoiceLine... lines) {
        return Invoice.draftOf(InvoiceId.random(), company.id(), aSeller(), aBuyer(company), List.of(lines))
                .finalized(aTestInvoiceNumber(), NOW, NOW.plus(Duration.ofDays(14))).withVersion(1);
    }
}
