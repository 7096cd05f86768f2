package org.billingsdk.core.history;

import java.time.Instant;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.Payment;

/**
 * One row of the billing history: an invoice with its payment attempts; immutable. The document
 * is read with {@code Invoices.document(actor, id)}.
 *
 * @param id the invoice
 * @param number its legal number
 * @param companyId the billed company
 * @param companyName that company's name at issue
 * @param issuedAt when it was issued
 * @param dueAt when it is due
 * @param total what it amounts to, tax included
 * @param amountDue what is still to be paid: the total less any credit applied or credited; zero
 *     once paid or voided
 * @param state open, paid, void or uncollectible
 * @param payments its payment attempts, oldest first: "a detailed record of all billing transactions"
 */
public record InvoiceSummary(
        InvoiceId id,
        InvoiceNumber number,
        CompanyId companyId,
        String companyName,
        Instant issuedAt,
        Instant dueAt,
        MonetaryAmount total,
        MonetaryAmount amountDue,
        InvoiceState state,
        List<Payment> payments) implements HistoryEntry {

    /**
     * Copies the payments; nothing else is checked.
     *
     * @param id not checked
     * @param number not checked
     * @param companyId not checked
     * @param companyName not checked
     * @param issuedAt not checked
     * @param dueAt not checked
     * @param total not checked
     * @param amountDue not checked
     * @param state not checked
     * @param payments not {@code null}; copied
     * @throws NullPointerException if {@code payments}, or one of them, is {@code null}
     */
    public InvoiceSummary {
        payments = List.copyOf(payments);
    }
}
