package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.contract.ContractData;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.event.CompanyRegistered;
import org.billingsdk.core.event.ProductAdded;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row carries its tenant, the root company of the company it is about, in
 * {@code root_company_id}: also the rows of a child's child (its invoices, payments, credit notes
 * and credit entries among them), and also when the storage writing them has not read the company
 * before (a node that just started).
 */
class TenantColumnTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void rowsOfADescendantCarryTheRootOfItsTree(String name) throws SQLException {
        DataSource database = TestDatabases.named(name);
        BillingFixture fixture = BillingFixture.on(JdbcStorage.forDataSource(database));
        Company root = fixture.root("Holding");
        Company child = fixture.child(root, "Child");
        Company grandchild = fixture.child(child, "Grandchild");
        fixture.billing.subscriptions().subscribe(BillingFixture.actor(root), child.id(), fixture.monthly.id());
        fixture.billing.subscriptions().subscribe(BillingFixture.actor(root), grandchild.id(), fixture.monthly.id());
        fixture.advance(Duration.ofDays(40));
        // Renewals on a node that has read no company yet.
        BillingFixture otherNode = BillingFixture.builder().storage(JdbcStorage.forDataSource(database))
                .withoutCatalog().build();
        assertThat(otherNode.billing.run(fixture.clock.instant()).invoicesIssued()).isEqualTo(2);
        // Credit notes to the balance, on yet another node.
        BillingFixture thirdNode = BillingFixture.builder().storage(JdbcStorage.forDataSource(database))
                .withoutCatalog().build();
        thirdNode.advance(Duration.ofDays(40));
        for (Company descendant : List.of(child, grandchild)) {
            Invoice paid = thirdNode.storage.invoices().findByCompanies(List.of(descendant.id()), null, 10).stream()
                    .filter(invoice -> invoice.state() == InvoiceState.PAID).findFirst().orElseThrow();
            thirdNode.billing.credits().issue(BillingFixture.actor(root), paid.id(), CreditRequest.wholeInvoice(paid,
                    CreditReason.PRODUCT_UNSATISFACTORY, CreditDestination.BALANCE));
        }

        UUID expected = root.id().value();
        List<String> descendants = List.of(child.id().value().toString(), grandchild.id().value().toString());
        for (String table : List.of("billing_subscription", "billing_invoice", "billing_payment",
                "billing_payment_method", "billing_audit", "billing_credit_note", "billing_credit_entry")) {
            assertThat(tenants(database, "SELECT root_company_id FROM " + table + " WHERE company_id IN (?, ?)",
                    descendants)).as(table).isNotEmpty().containsOnly(expected);
        }
        assertThat(tenants(database, "SELECT l.root_company_id FROM billing_invoice_line l JOIN billing_invoice i "
                + "ON i.id = l.invoice_id WHERE i.company_id IN (?, ?)", descendants))
                .as("billing_invoice_line").hasSize(4).containsOnly(expected);
        assertThat(tenants(database, "SELECT l.root_company_id FROM billing_credit_note_line l "
                + "JOIN billing_credit_note n ON n.id = l.credit_note_id WHERE n.company_id IN (?, ?)", descendants))
                .as("billing_credit_note_line").hasSize(2).containsOnly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void outboxAndAuditRowsWrittenByAFreshStorageCarryTheRootOrNoTenant(String name) throws SQLException {
        DataSource database = TestDatabases.named(name);
        BillingFixture fixture = BillingFixture.on(JdbcStorage.forDataSource(database));
        Company root = fixture.root("Holding");
        Company grandchild = fixture.child(fixture.child(root, "Child"), "Grandchild");
        JdbcStorage fresh = JdbcStorage.forDataSource(database);
        Instant now = fixture.clock.instant();
        UUID aboutGrandchild = UUID.randomUUID();
        UUID aboutCatalog = UUID.randomUUID();
        UUID auditOfGrandchild = UUID.randomUUID();
        UUID auditOfNoCompany = UUID.randomUUID();
        fresh.inTransaction(() -> {
            fresh.outbox().appendAll(List.of(
                    new CompanyRegistered(aboutGrandchild, now, grandchild.id(), null, "Grandchild"),
                    new ProductAdded(aboutCatalog, now, ProductCode.of("edr"))));
            fresh.audit().appendAll(List.of(
                    new AuditRecord(auditOfGrandchild, now, "someone", null, grandchild.id(), "Test", "detail"),
                    new AuditRecord(auditOfNoCompany, now, "someone", null, null, "Test", "detail")));
            return null;
        });

        assertThat(tenants(database, "SELECT root_company_id FROM billing_outbox WHERE event_id = ?",
                List.of(aboutGrandchild.toString()))).containsExactly(root.id().value());
        assertThat(tenants(database, "SELECT root_company_id FROM billing_outbox WHERE event_id = ?",
                List.of(aboutCatalog.toString()))).containsExactly(Db.NO_TENANT);
        assertThat(tenants(database, "SELECT root_company_id FROM billing_audit WHERE id = ?",
                List.of(auditOfGrandchild.toString()))).containsExactly(root.id().value());
        assertThat(tenants(database, "SELECT root_company_id FROM billing_audit WHERE id = ?",
                List.of(auditOfNoCompany.toString()))).containsExactly(Db.NO_TENANT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aRootReadInATransactionThatRolledBackIsNotKept(String name) throws SQLException {
        DataSource database = TestDatabases.named(name);
        JdbcStorage storage = JdbcStorage.forDataSource(database);
        Company first = ContractData.aCompany("First");
        Company second = ContractData.aCompany("Second");
        storage.companies().insert(first);
        storage.companies().insert(second);
        Company child = ContractData.aChildOf(first);
        // Stored under the first tree and read (its root remembered), then rolled back ...
        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().insert(child);
            storage.companies().findById(child.id()).orElseThrow();
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        // ... the same id is then stored under the second tree.
        storage.companies().insert(new Company(child.id(), child.name(), second.id(), second.rootId(),
                child.mainEmail(), null, child.billingMode(), child.createdAt(), 0));
        UUID record = UUID.randomUUID();
        storage.audit().append(new AuditRecord(record, Instant.now(), "someone", null, child.id(), "Test", "detail"));

        assertThat(tenants(database, "SELECT root_company_id FROM billing_audit WHERE id = ?",
                List.of(record.toString()))).containsExactly(second.id().value());
    }

    /** The tenants of the rows {@code sql} selects, its parameters bound as UUIDs. */
    private static List<UUID> tenants(DataSource database, String sql, List<String> parameters) throws SQLException {
        List<UUID> tenants = new ArrayList<>();
        try (Connection connection = database.getConnection(); PreparedStatement statement =
                connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, UUID.fromString(parameters.get(i)));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tenants.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return tenants;
    }
}
