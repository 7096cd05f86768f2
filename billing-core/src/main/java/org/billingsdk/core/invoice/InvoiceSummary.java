package org.billingsdk.core.invoice;

import java.time.Instant;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.CompanyId;
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
        InvoiceState state,
        List<Payment> payments) {

    public InvoiceSummary {
        payments = List.copyOf(payments);
    }
}
