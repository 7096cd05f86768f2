package org.billingsdk.core.port;

import java.util.List;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.payment.Payment;

/**
 * Turns an issued invoice into a downloadable document. The default renders HTML
 * ({@code HtmlInvoiceRenderer}); a host may render PDF instead. Whatever it prints from the
 * invoice comes from customers and must be escaped for the format. Thread-safe.
 */
@FunctionalInterface
public interface InvoiceRenderer {

    InvoiceDocument render(Invoice invoice, List<Payment> payments);
}
