package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.billingsdk.core.Billing;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.subscription.CancellationTiming;
import org.billingsdk.core.subscription.SubscriptionView;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SQL meant to break out of a statement, in every free-text field the SDK stores, goes into
 * PostgreSQL and comes back verbatim: every value is bound, never spliced into SQL.
 */
class InjectionStringsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Robert'); DROP TABLE billing_company;--",
            "' OR '1'='1",
            "\\'; DELETE FROM billing_invoice; --",
            "x' UNION SELECT main_email FROM billing_company --",
            "$$; TRUNCATE billing_audit; $$",
            "Zoë ; -- \"quoted\" /* comment */ 🙂"})
    void injectionTextInEveryTextFieldIsStoredAndReadBackVerbatim(String text) {
        DataSource database = TestDatabases.postgres();
        BillingFixture fixture = BillingFixture.on(JdbcStorage.forDataSource(database), CancellationTiming.IMMEDIATE);
        Billing billing = fixture.billing;
        Company company = billing.accounts().register(NewCompany.of(text, "it@example.com")
                .withBillingDetails(BillingDetails.builder()
                        .billingAddress(new Address(text, text, "1012 LG", text, text, "NL"))
                        .shippingAddress(new Address(text, null, null, text, null, "DE"))
                        .build()));
        Actor actor = Actor.of(company.id(), text);
        fixture.addCard(company, company);
        Product product = billing.catalog().addProduct(new NewProduct("edr-" + Math.abs(text.hashCode()), text, text));

        Company read = billing.accounts().find(actor, company.id());
        assertThat(read.name()).isEqualTo(text);
        assertThat(read.billingDetails().billingAddress()).isEqualTo(new Address(text, text, "1012 LG", text, text, "NL"));
        assertThat(read.billingDetails().shippingAddress().line1()).isEqualTo(text);
        assertThat(billing.catalog().product(ProductCode.of(product.code().value())).name()).isEqualTo(text);
        assertThat(billing.catalog().product(product.code()).description()).isEqualTo(text);

        billing.subscriptions().subscribe(actor, company.id(), fixture.monthly.id());
        List<SubscriptionView> rows = billing.subscriptions().active(actor, company.id(), Scope.COMPANY_ONLY);
        assertThat(rows).singleElement().satisfies(row -> assertThat(row.companyName()).isEqualTo(text));
        assertThat(billing.invoices().history(actor, company.id(), Scope.COMPANY_ONLY,
                PageRequest.first(5)).items())
                .singleElement().satisfies(invoice -> assertThat(invoice.companyName()).isEqualTo(text));
        assertThat(billing.audit().ofCompany(actor, company.id(), 50)).map(AuditRecord::who).contains(text);
        InvoiceId paid = HistoryEntry.invoices(billing.invoices().history(actor, company.id(), Scope.COMPANY_ONLY,
                PageRequest.first(5)).items()).get(0).id();
        CreditNote note = billing.credits().issue(actor, paid, CreditRequest.of(CreditReason.REQUESTED_BY_CUSTOMER,
                CreditDestination.BALANCE, CreditRequest.Line.of(0, BillingFixture.eur("1.00"))).withMemo(text));
        assertThat(billing.credits().find(actor, note.id()).memo()).isEqualTo(text);
        assertThat(billing.credits().ofInvoice(actor, paid)).singleElement()
                .satisfies(found -> assertThat(found.buyer().name()).isEqualTo(text));
        assertThat(RenewalWorkload.scalar(database, "SELECT count(*) FROM billing_company")).isEqualTo(1);
        assertThat(RenewalWorkload.scalar(database, "SELECT count(*) FROM billing_invoice")).isEqualTo(1);
        assertThat(RenewalWorkload.scalar(database, "SELECT count(*) FROM billing_credit_note")).isEqualTo(1);
    }
}
