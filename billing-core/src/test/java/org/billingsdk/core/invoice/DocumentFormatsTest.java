package org.billingsdk.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.port.InvoiceRenderer;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.Test;

/**
 * The host chooses the format of a document: each format is rendered by the renderer registered for
 * it, HTML by default; a format without one is bad input naming {@code format}.
 */
class DocumentFormatsTest {

    /** Renders a stand-in PDF that names what it renders. */
    private static final InvoiceRenderer PDF = new InvoiceRenderer() {
        @Override
        public InvoiceDocument render(Invoice invoice, List<Payment> payments) {
            return new InvoiceDocument(invoice.number() + ".pdf", "application/pdf",
                    ("%PDF invoice " + invoice.number()).getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public InvoiceDocument renderCreditNote(CreditNote creditNote, Invoice invoice) {
            return new InvoiceDocument(creditNote.number() + ".pdf", "application/pdf",
                    ("%PDF credit note " + creditNote.number() + " of " + invoice.number())
                            .getBytes(StandardCharsets.US_ASCII));
        }
    };

    @Test
    void eachFormatIsRenderedByTheRendererRegisteredForItAndHtmlIsRegisteredByDefault() {
        BillingFixture fixture = BillingFixture.builder().renderer(DocumentFormat.PDF, PDF).build();
        Company buyer = fixture.root("Acme");
        fixture.billing.subscriptions().subscribe(actor(buyer), buyer.id(), fixture.monthly.id());
        Invoice invoice = fixture.storage.invoices().findByCompanies(List.of(buyer.id()), null, 1).get(0);
        CreditNote note = fixture.billing.credits().issue(actor(buyer), invoice.id(), CreditRequest.of(
                CreditReason.PRODUCT_UNSATISFACTORY, CreditDestination.BALANCE, CreditRequest.Line.of(0, eur("1.00"))));

        assertThat(fixture.billing.documentFormats()).containsExactly(DocumentFormat.HTML, DocumentFormat.PDF);
        InvoiceDocument pdf = fixture.billing.invoices().document(actor(buyer), invoice.id(), DocumentFormat.PDF);
        assertThat(pdf.fileName()).isEqualTo(invoice.number() + ".pdf");
        assertThat(pdf.text()).isEqualTo("%PDF invoice " + invoice.number());
        assertThat(fixture.billing.credits().document(actor(buyer), note.id(), DocumentFormat.PDF).text())
                .isEqualTo("%PDF credit note " + note.number() + " of " + invoice.number());
        InvoiceDocument html = fixture.billing.invoices().document(actor(buyer), invoice.id(), DocumentFormat.HTML);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html).isEqualTo(fixture.billing.invoices().document(actor(buyer), invoice.id()));
        assertThat(fixture.billing.credits().document(actor(buyer), note.id(), DocumentFormat.HTML).fileName())
                .isEqualTo(note.number() + ".html");
    }

    @Test
    void theDefaultRendererDoesNotChangeWhatAFormatIsRenderedBy() {
        BillingFixture fixture = BillingFixture.builder().invoiceRenderer(PDF).build();
        Company buyer = fixture.root("Acme");
        fixture.billing.subscriptions().subscribe(actor(buyer), buyer.id(), fixture.monthly.id());
        Invoice invoice = fixture.storage.invoices().findByCompanies(List.of(buyer.id()), null, 1).get(0);

        assertThat(fixture.billing.invoices().document(actor(buyer), invoice.id()).fileName()).endsWith(".pdf");
        assertThat(fixture.billing.invoices().document(actor(buyer), invoice.id(), DocumentFormat.HTML).fileName())
                .endsWith(".html");
        assertThat(fixture.billing.documentFormats()).containsExactly(DocumentFormat.HTML);
    }

    @Test
    void aFormatWithoutARendererIsBadInputNamingTheFormat() {
        BillingFixture fixture = BillingFixture.inMemory();
        Company buyer = fixture.root("Acme");
        fixture.billing.subscriptions().subscribe(actor(buyer), buyer.id(), fixture.monthly.id());
        Invoice invoice = fixture.storage.invoices().findByCompanies(List.of(buyer.id()), null, 1).get(0);

        assertThatThrownBy(() -> fixture.billing.invoices().document(actor(buyer), invoice.id(), DocumentFormat.CII))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("format"))
                .hasMessageContaining("CII");
        assertThatThrownBy(() -> fixture.billing.invoices().document(actor(buyer), invoice.id(), null))
                .isInstanceOf(NullPointerException.class);
    }
}
