package org.billingsdk.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.invoice.DocumentFormat;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.invoice.InvoiceSection;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PDF of a payer's consolidated invoice of 40 companies: several numbered pages, each
 * company's lines under its name with their subtotal, the totals at the end, the same from many
 * threads at once; and what a page looks like, written as a PNG for the README.
 */
class PdfInvoiceRendererTest {

    private static final Instant FEBRUARY = Instant.parse("2026-02-01T00:00:00Z");
    private static final int CHILDREN = 40;

    private static final PdfInvoiceRenderer RENDERER = PdfInvoiceRenderer.with(TestFonts.complete());
    private static BillingFixture fixture;
    private static Company holding;
    private static Invoice consolidated;

    @BeforeAll
    static void aPayerOfFortyChildrenBilledOnTheFirst() {
        fixture = BillingFixture.builder().renderer(DocumentFormat.PDF, RENDERER).build();
        holding = fixture.root("Acme Holding");
        fixture.addCard(holding, holding);
        fixture.billing.accounts().setBillingDay(actor(holding), holding.id(), 1);
        for (int c = 0; c < CHILDREN; c++) {
            Company child = fixture.billing.accounts().registerChild(actor(holding), holding.id(),
                    NewCompany.of(String.format("Client %02d B.V.", c), "it@client" + c + ".example"));
            fixture.billing.accounts().setPayer(actor(holding), child.id(), holding.id());
            fixture.billing.subscriptions().subscribe(actor(child), child.id(), fixture.monthly.id(), 1 + c % 5);
            fixture.billing.subscriptions().subscribe(actor(child), child.id(), fixture.yearly.id());
        }
        fixture.clock.set(FEBRUARY);
        fixture.billing.run(FEBRUARY);
        consolidated = fixture.storage.invoices().findByCompanies(List.of(holding.id()), null, 1).get(0);
    }

    @Test
    void aLongConsolidatedInvoiceRunsOverNumberedPagesWithEachCompanysSubtotalAndTheTotalsAtTheEnd() {
        InvoiceDocument document = fixture.billing.invoices().document(actor(holding), consolidated.id(),
                DocumentFormat.PDF);

        assertThat(consolidated.sections()).hasSize(CHILDREN);
        assertThat(document.fileName()).isEqualTo(consolidated.number() + ".pdf");
        assertThat(document.contentType()).isEqualTo("application/pdf");
        int pages = PdfText.pages(document);
        assertThat(pages).isGreaterThan(2);
        String text = PdfText.of(document).replaceAll("\\s+", " ");
        List<String> expected = new ArrayList<>();
        for (int page = 1; page <= pages; page++) {
            expected.add("Page " + page + " of " + pages);
        }
        assertThat(text).containsSubsequence(expected);
        List<String> sections = new ArrayList<>();
        for (InvoiceSection section : consolidated.sections()) {
            sections.add(section.companyName());
            sections.add("Subtotal " + section.companyName() + " " + Amounts.format(section.subtotal()));
        }
        assertThat(text).containsSubsequence(sections);
        assertThat(text).containsSubsequence("Subtotal " + Amounts.format(consolidated.subtotal()),
                "Total " + Amounts.format(consolidated.total()),
                "Amount due " + Amounts.format(consolidated.amountDue()),
                "Page " + pages + " of " + pages);
    }

    @Test
    void renderingFromManyThreadsAtOnceGivesEachTheSameText() throws Exception {
        String once = PdfText.of(RENDERER.render(consolidated, List.of()));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> texts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                texts.add(threads.submit(() -> PdfText.of(RENDERER.render(consolidated, List.of()))));
            }
            for (Future<String> text : texts) {
                assertThat(text.get()).isEqualTo(once);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCharacterNoFontHasIsWrittenAsTheReplacementCharacterNotAFailure() {
        PdfInvoiceRenderer bundledOnly = PdfInvoiceRenderer.with(PdfFonts.bundled());
        Invoice invoice = fixture.storage.invoices().findByCompanies(List.of(holding.id()), null, 100).stream()
                .filter(each -> each.sections().size() == 1).findFirst().orElseThrow();
        Invoice renamed = new Invoice(invoice.id(), invoice.companyId(), invoice.number(), invoice.state(),
                invoice.seller(), new Party("東京 Holding", null, null,
                        invoice.buyer().address()), invoice.lines(), invoice.subtotal(), invoice.taxTotal(),
                invoice.total(), invoice.creditApplied(), invoice.amountDue(), invoice.issuedAt(), invoice.dueAt(),
                invoice.closedAt(), invoice.paymentAttempts(), invoice.nextPaymentAt(), invoice.version());

        String text = PdfText.of(bundledOnly.render(renamed, List.of()));

        assertThat(text).contains("\uFFFD\uFFFD Holding").doesNotContain("東京");
    }

    @Test
    void theFirstPageRendersAsAnImage() throws IOException {
        InvoiceDocument document = RENDERER.render(consolidated, List.of());
        Path png = Path.of("target", "documents", "consolidated-invoice-page-1.png");
        Files.createDirectories(png.getParent());

        try (PDDocument pdf = Loader.loadPDF(document.content())) {
            BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(0, 110);
            ImageIO.write(image, "png", png.toFile());
            assertThat(image.getWidth()).isGreaterThan(800);
        }
        assertThat(Files.size(png)).isGreaterThan(10_000);
        System.out.println("first page of " + consolidated.number() + ": " + png.toAbsolutePath());
    }
}
