package org.billingsdk.core.history;

import java.time.Instant;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceNumber;

/**
 * One row of the billing history: an invoice ({@link InvoiceSummary}) or a credit note
 * ({@link CreditNoteSummary}), newest first. What every row has is here; test the row's type for
 * the rest.
 */
public sealed interface HistoryEntry permits InvoiceSummary, CreditNoteSummary {

    /** {@return the document's legal number, in the invoice or the credit-note series} */
    InvoiceNumber number();

    /** {@return the company billed} */
    CompanyId companyId();

    /** {@return that company's name as the document prints it} */
    String companyName();

    /** {@return when the document was issued} */
    Instant issuedAt();

    /** {@return what the document amounts to, VAT included: charged by an invoice, given back by a credit note} */
    MonetaryAmount total();

    /**
     * The invoices among {@code rows}, in their order.
     *
     * @param rows rows of the history
     * @return those that are invoices
     */
    static List<InvoiceSummary> invoices(List<? extends HistoryEntry> rows) {
        return rows.stream().filter(InvoiceSummary.class::isInstance).map(InvoiceSummary.class::cast).toList();
    }

    /**
     * The credit notes among {@code rows}, in their order.
     *
     * @param rows rows of the history
     * @return those that are credit notes
     */
    static List<CreditNoteSummary> creditNotes(List<? extends HistoryEntry> rows) {
        return rows.stream().filter(CreditNoteSummary.class::isInstance).map(CreditNoteSummary.class::cast).toList();
    }
}
