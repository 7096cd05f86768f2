package org.billingsdk.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.port.InvoiceRenderer;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;

/**
 * Renders invoices and credit notes as Factur-X 1.0 / ZUGFeRD 2 documents: the PDF a person reads
 * ({@link PdfInvoiceRenderer}), made a PDF/A-3 with the EN 16931 CII ({@link EInvoiceRenderer#cii()})
 * embedded as {@code factur-x.xml} in the EN 16931 profile, so that one file serves both the reader
 * and the buyer's accounting system. Mustang ({@code org.mustangproject:library}) writes the PDF/A-3
 * container: the sRGB output intent, the XMP metadata with the Factur-X extension schema, and the
 * attachment. The figures in both parts are the invoice's own. Thread-safe.
 *
 * <pre>{@code
 * Billing.builder()
 *         .renderer(DocumentFormat.FACTUR_X, FacturXRenderer.create())
 * }</pre>
 */
public final class FacturXRenderer implements InvoiceRenderer {

    private static final String PDF = "application/pdf";
    private static final String SUFFIX = ".factur-x.pdf";

    private final PdfInvoiceRenderer pdf;
    private final EInvoiceRenderer cii = EInvoiceRenderer.cii();

    private FacturXRenderer(PdfInvoiceRenderer pdf) {
        this.pdf = pdf;
    }

    /** {@return a renderer whose PDF part is {@link PdfInvoiceRenderer#create()}'s} */
    public static FacturXRenderer create() {
        return new FacturXRenderer(PdfInvoiceRenderer.create());
    }

    /**
     * A renderer whose PDF part is {@code pdf}'s, such as one with other fonts.
     *
     * @param pdf the renderer of the readable part
     * @return the renderer
     */
    public static FacturXRenderer of(PdfInvoiceRenderer pdf) {
        return new FacturXRenderer(Objects.requireNonNull(pdf, "pdf"));
    }

    /** {@return the invoice as {@code INV-2026-000042.factur-x.pdf}} */
    @Override
    public InvoiceDocument render(Invoice invoice, List<Payment> payments) {
        return combined(invoice.number() + SUFFIX, pdf.render(invoice, payments), cii.render(invoice, payments));
    }

    /** {@return the credit note as {@code CN-2026-000007.factur-x.pdf}, a CII of type 381 embedded} */
    @Override
    public InvoiceDocument renderCreditNote(CreditNote creditNote, Invoice invoice) {
        return combined(creditNote.number() + SUFFIX, pdf.renderCreditNote(creditNote, invoice),
                cii.renderCreditNote(creditNote, invoice));
    }

    @Override
    public String toString() {
        return "Factur-X EN 16931";
    }

    private static InvoiceDocument combined(String fileName, InvoiceDocument readable, InvoiceDocument xml) {
        ZUGFeRDExporterFromA3 exporter = new ZUGFeRDExporterFromA3();
        try (exporter) {
            exporter.load(readable.content());
            exporter.setProducer("Billing SDK").setCreator("Billing SDK");
            exporter.setProfile(Profiles.getByName("EN16931"));
            exporter.setXML(xml.content());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exporter.export(out);
            return new InvoiceDocument(fileName, PDF, out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("the Factur-X document " + fileName + " could not be written", e);
        }
    }
}
