package org.billingsdk.core.port;

import java.util.List;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.payment.Payment;

/**
 * Turns an issued invoice or credit note into a downloadable document. The default renders HTML
 * ({@code HtmlInvoiceRenderer}); a host may render PDF instead. Whatever it prints from the
 * invoice comes from customers and must be escaped for the format. Thread-safe. The contract
 * suite {@code InvoiceRendererContract} in billing-core's test jar checks an implementation.
 */
@FunctionalInterface
public interface InvoiceRenderer {

    /**
     * Renders one invoice. Called when a user downloads it, outside any transaction; a throw
     * reaches that user's caller as a {@code PortException} with it as the cause (a
     * {@code BillingException} as it was thrown).
     *
     * @param invoice an issued invoice, never a draft: numbered, with its seller, buyer, lines and VAT
     * @param payments its payment attempts, oldest first; possibly empty
     * @return the document, with a file name and media type for the download
     */
    InvoiceDocument render(Invoice invoice, List<Payment> payments);

    /**
     * Renders one credit note: every field an invoice prints, plus the number of the invoice it
     * corrects and the reason. Called as {@link #render} is. A renderer that does not implement it
     * (one written before credit notes existed) answers every credit note's download with a
     * {@code PortException} naming {@code renderer.renderCreditNote}.
     *
     * @param creditNote the credit note, with its seller, buyer, lines and VAT
     * @param invoice the invoice it corrects, whose lines its lines name by position (for their
     *     service periods)
     * @return the document, with a file name and media type for the download
     * @throws UnsupportedOperationException unless the renderer renders credit notes
     */
    default InvoiceDocument renderCreditNote(CreditNote creditNote, Invoice invoice) {
        throw new UnsupportedOperationException(getClass().getName() + " renders invoices only");
    }
}
