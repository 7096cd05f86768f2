package org.billingsdk.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.contract.ContractData.eur;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.billingsdk.core.contract.ContractData;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Factur-X documents, each checked by Mustang's validator twice over: the PDF part against PDF/A-3
 * (veraPDF's rules) and the embedded CII against the Factur-X EN 16931 schematron; the embedded XML
 * is exactly what {@link EInvoiceRenderer#cii()} writes, and the readable part is the PDF.
 */
class FacturXRendererTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final FacturXRenderer RENDERER = FacturXRenderer.create();

    static Stream<Arguments> documents() {
        Invoice paid = EInvoiceRendererTest.severalRates().paid(START);
        CreditNote note = ContractData.aCreditNote(paid, CreditRequest.of(CreditReason.PRODUCT_UNSATISFACTORY,
                CreditDestination.BALANCE, CreditRequest.Line.of(0, eur("49.00")), CreditRequest.Line.remainderOf(1)),
                START.plus(Duration.ofDays(2)));
        return Stream.of(
                Arguments.of("several VAT rates", RENDERER.render(EInvoiceRendererTest.severalRates(), List.of())),
                Arguments.of("reverse charge", RENDERER.render(EInvoiceRendererTest.reverseCharged(), List.of())),
                Arguments.of("yen", RENDERER.render(EInvoiceRendererTest.inYen(), List.of())),
                Arguments.of("consolidated", RENDERER.render(EInvoiceRendererTest.consolidated(), List.of())),
                Arguments.of("VAT rounded per line", RENDERER.render(EInvoiceRendererTest.roundedPerLine(), List.of())),
                Arguments.of("credit note", RENDERER.renderCreditNote(note, paid)),
                Arguments.of("tricky texts", RENDERER.render(EInvoiceRendererTest.withTexts(
                        ContractData.trickyTexts().toList()), List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyKindOfDocumentIsAValidPdfA3WithValidEn16931Cii(String kind, InvoiceDocument document) {
        En16931Validator.Report report = En16931Validator.validate(document);

        assertThat(report.pdfA()).as(kind + ": " + report.xml()).startsWith("3").endsWith("compliant");
        assertThat(report.errors()).as(kind).isEmpty();
        assertThat(report.valid()).as(kind + ": " + report.xml()).isTrue();
        assertThat(report.rulesFired()).as("rules run on " + kind).isPositive();
        assertThat(document.contentType()).isEqualTo("application/pdf");
    }

    @Test
    void theEmbeddedXmlIsTheCiiAndTheReadablePartThePdf() {
        Invoice invoice = EInvoiceRendererTest.severalRates();

        InvoiceDocument document = RENDERER.render(invoice, List.of());

        assertThat(document.fileName()).isEqualTo(invoice.number() + ".factur-x.pdf");
        assertThat(embedded(document, "factur-x.xml"))
                .isEqualTo(EInvoiceRenderer.cii().render(invoice, List.of()).content());
        assertThat(PdfText.of(document)).isEqualTo(PdfText.of(PdfInvoiceRenderer.create().render(invoice, List.of())));
    }

    @Test
    void theValidatorCatchesAFacturXWithoutItsOutputIntent() throws IOException {
        InvoiceDocument document = RENDERER.render(EInvoiceRendererTest.severalRates(), List.of());
        byte[] broken;
        try (PDDocument pdf = Loader.loadPDF(document.content())) {
            pdf.getDocumentCatalog().getCOSObject().removeItem(COSName.OUTPUT_INTENTS);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            broken = out.toByteArray();
        }

        En16931Validator.Report report = En16931Validator.validate(broken, "broken.factur-x.pdf");

        assertThat(report.pdfA()).isEqualTo("3u not compliant");
        assertThat(report.valid()).isFalse();
    }

    private static byte[] embedded(InvoiceDocument document, String name) {
        try (PDDocument pdf = Loader.loadPDF(document.content())) {
            PDDocumentNameDictionary names = pdf.getDocumentCatalog().getNames();
            PDComplexFileSpecification file = names.getEmbeddedFiles().getNames().get(name);
            assertThat(file).as("attachment " + name).isNotNull();
            return file.getEmbeddedFile().toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
