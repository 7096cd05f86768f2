package org.billingsdk.core.history;

import java.time.Instant;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;

/**
 * One row of the billing history: a credit note; immutable. The whole credit note is read with
 * {@code Billing.credits().find(actor, id)}, its document with
 * {@code Billing.credits().document(actor, id)}.
 *
 * @param id the credit note
 * @param number its legal number, in the credit-note series
 * @param companyId the company billed by the credited invoice
 * @param companyName that company's name as the credit note prints it
 * @param issuedAt when it was issued
 * @param total what it gives back, VAT included
 * @param invoiceId the invoice it corrects
 * @param invoiceNumber that invoice's number
 * @param reason why it was issued
 * @param destination what the credit did: reduced the invoice's amount due, or went to the credit balance
 */
public record CreditNoteSummary(
        CreditNoteId id,
        InvoiceNumber number,
        CompanyId companyId,
        String companyName,
        Instant issuedAt,
        MonetaryAmount total,
        InvoiceId invoiceId,
        InvoiceNumber invoiceNumber,
        CreditReason reason,
        CreditDestination destination) implements HistoryEntry {
}
