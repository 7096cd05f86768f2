package org.billingsdk.documents;

import com.helger.cii.d16b.CIID16BCrossIndustryInvoiceTypeMarshaller;
import com.helger.commons.error.list.ErrorList;
import com.helger.en16931.cii2ubl.CIIToUBL21Converter;
import com.helger.ubl21.UBL21Marshaller;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.BillingReferenceType;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.port.InvoiceRenderer;
import un.unece.uncefact.data.standard.crossindustryinvoice._100.CrossIndustryInvoiceType;

/**
 * Renders invoices and credit notes as EN 16931 e-invoices: in UN/CEFACT CII ({@link #cii()}), in
 * OASIS UBL 2.1 ({@link #ubl()}), or in UBL 2.1 with the German XRechnung 3.0 customization
 * ({@link #xrechnung(SellerContact)}). The figures are the SDK's own: each line's net amount and each VAT rate's
 * amount as the invoice holds them (VAT rounded once per line, which EN 16931's rule BR-CO-17
 * accepts), never computed again, so that the e-invoice says what was charged. A credit note is
 * type 381 and names the invoice it corrects. The CII is written with helger's CII D16B model, the
 * UBL converted from it with helger's EN 16931 CII-to-UBL converter (Mustang, which the tests
 * validate with, computes its own totals). Thread-safe.
 *
 * <pre>{@code
 * Billing.builder()
 *         .renderer(DocumentFormat.CII, EInvoiceRenderer.cii())
 *         .renderer(DocumentFormat.UBL, EInvoiceRenderer.ubl())
 *         .renderer(DocumentFormat.XRECHNUNG, EInvoiceRenderer.xrechnung(new SellerContact(
 *                 "Accounts receivable", "+31 20 123 4567", EmailAddress.of("ar@acme.example"))))
 * }</pre>
 *
 * <p>What the SDK does not keep is left out or stood in for: the buyer reference (BT-10), which
 * XRechnung requires (the Leitweg-ID for German public buyers), is the invoice's number; the payment
 * means (BG-16) are "not defined" (the customer's payment method is at the payment provider).
 */
public final class EInvoiceRenderer implements InvoiceRenderer {

    private enum Syntax { CII, UBL }

    private final Syntax syntax;
    private final String specification;
    private final String suffix;
    private final SellerContact contact;

    private EInvoiceRenderer(Syntax syntax, String specification, String suffix, SellerContact contact) {
        this.syntax = syntax;
        this.specification = specification;
        this.suffix = suffix;
        this.contact = contact;
    }

    /** {@return a renderer of EN 16931 CII documents ({@code INV-2026-000042.cii.xml})} */
    public static EInvoiceRenderer cii() {
        return new EInvoiceRenderer(Syntax.CII, CiiInvoices.EN16931, ".cii.xml", null);
    }

    /** {@return a renderer of EN 16931 UBL 2.1 documents ({@code INV-2026-000042.ubl.xml})} */
    public static EInvoiceRenderer ubl() {
        return new EInvoiceRenderer(Syntax.UBL, CiiInvoices.EN16931, ".ubl.xml", null);
    }

    /**
     * A renderer of XRechnung 3.0 documents in UBL 2.1 ({@code INV-2026-000042.xrechnung.xml}).
     *
     * @param contact the seller's contact, which XRechnung requires on every invoice
     * @return the renderer
     */
    public static EInvoiceRenderer xrechnung(SellerContact contact) {
        return new EInvoiceRenderer(Syntax.UBL, CiiInvoices.XRECHNUNG, ".xrechnung.xml",
                Objects.requireNonNull(contact, "contact"));
    }

    @Override
    public InvoiceDocument render(Invoice invoice, List<Payment> payments) {
        if (invoice.number() == null) {
            throw new IllegalArgumentException("only an issued invoice has a document");
        }
        return document(invoice.number() + suffix, CiiInvoices.of(invoice, specification, contact));
    }

    @Override
    public InvoiceDocument renderCreditNote(CreditNote creditNote, Invoice invoice) {
        return document(creditNote.number() + suffix, CiiInvoices.of(creditNote, invoice, specification, contact));
    }

    /** {@return the syntax and the specification it writes, such as "UBL urn:cen.eu:en16931:2017"} */
    @Override
    public String toString() {
        return syntax + " " + specification;
    }

    private InvoiceDocument document(String fileName, CrossIndustryInvoiceType cii) {
        byte[] xml;
        if (syntax == Syntax.CII) {
            xml = new CIID16BCrossIndustryInvoiceTypeMarshaller().getAsBytes(cii);
        } else {
            ErrorList errors = new ErrorList();
            Serializable ubl = new CIIToUBL21Converter().setCustomizationID(specification).convertCIItoUBL(cii, errors);
            if (ubl == null || errors.containsAtLeastOneError()) {
                throw new IllegalStateException("the invoice could not be converted to UBL: "
                        + errors.getAllErrors().getAllTexts(Locale.ROOT));
            }
            if (ubl instanceof InvoiceType invoice) {
                xml = UBL21Marshaller.invoice().getAsBytes(invoice);
            } else {
                CreditNoteType note = (CreditNoteType) ubl;
                // EN 16931 binds the corrected invoice (BG-3) to InvoiceDocumentReference in a credit
                // note too; the converter (2.3.1) writes it as a CreditNoteDocumentReference.
                for (BillingReferenceType reference : note.getBillingReference()) {
                    if (reference.getInvoiceDocumentReference() == null) {
                        reference.setInvoiceDocumentReference(reference.getCreditNoteDocumentReference());
                        reference.setCreditNoteDocumentReference(null);
                    }
                }
                xml = UBL21Marshaller.creditNote().getAsBytes(note);
            }
        }
        if (xml == null) {
            throw new IllegalStateException("the e-invoice of " + fileName + " could not be written");
        }
        return new InvoiceDocument(fileName, "application/xml", xml);
    }
}
