package org.billingsdk.core.credit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.tax.VatBreakdown;

/**
 * A credit note: a document that corrects an issued invoice and refers to it, treated as an
 * invoice by EU law (Directive 2006/112/EC art. 219). It is numbered in its own gapless series
 * ({@code CN-2026-000001}), reverses invoice lines in full or in part at their own VAT treatment
 * and rate, states a reason, and never credits more than the invoice still holds after earlier
 * credit notes. Issued complete and immutable from then on; thread-safe.
 *
 * @param id its identifier
 * @param number its legal number, in the credit-note series of its year of issue
 * @param companyId the company the invoice billed
 * @param invoiceId the invoice it corrects
 * @param invoiceNumber that invoice's number, as printed on the credit note
 * @param seller the seller as the invoice printed it
 * @param buyer the buyer as the invoice printed it
 * @param lines what is credited, at least one line
 * @param subtotal the sum of the lines' net amounts
 * @param taxTotal the sum of the lines' VAT
 * @param total {@code subtotal} plus {@code taxTotal}: what the credit note gives back
 * @param reason why it was issued
 * @param memo a note to print, or {@code null}
 * @param destination what the credit does: reduce the invoice's amount due, refund, or credit balance
 * @param issuedAt when it was issued, by the billing clock
 */
public record CreditNote(
        CreditNoteId id,
        InvoiceNumber number,
        CompanyId companyId,
        InvoiceId invoiceId,
        InvoiceNumber invoiceNumber,
        Party seller,
        Party buyer,
        List<CreditNoteLine> lines,
        MonetaryAmount subtotal,
        MonetaryAmount taxTotal,
        MonetaryAmount total,
        CreditReason reason,
        String memo,
        CreditDestination destination,
        Instant issuedAt) {

    /**
     * Checks the credit note's invariants.
     *
     * @param id not {@code null}
     * @param number not {@code null}
     * @param companyId not {@code null}
     * @param invoiceId not {@code null}
     * @param invoiceNumber not {@code null}
     * @param seller not {@code null}
     * @param buyer not {@code null}
     * @param lines at least one, in one currency; copied
     * @param subtotal exactly the sum of the lines' amounts
     * @param taxTotal exactly the sum of the lines' VAT
     * @param total exactly {@code subtotal} plus {@code taxTotal}
     * @param reason not {@code null}
     * @param memo may be {@code null}
     * @param destination not {@code null}
     * @param issuedAt not {@code null}
     * @throws IllegalArgumentException if an invariant does not hold
     * @throws NullPointerException if a required component is {@code null}
     */
    public CreditNote {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(buyer, "buyer");
        lines = List.copyOf(lines);
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(taxTotal, "taxTotal");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a credit note has at least one line");
        }
        MonetaryAmount net = null;
        MonetaryAmount vat = null;
        for (CreditNoteLine line : lines) {
            if (!line.amount().getCurrency().equals(total.getCurrency())) {
                throw new IllegalArgumentException("a credit note's lines are in its currency");
            }
            net = net == null ? line.amount() : net.add(line.amount());
            vat = vat == null ? line.tax().amount() : vat.add(line.tax().amount());
        }
        if (!subtotal.getCurrency().equals(total.getCurrency()) || !taxTotal.getCurrency().equals(total.getCurrency())
                || !subtotal.isEqualTo(net) || !taxTotal.isEqualTo(vat) || !total.isEqualTo(net.add(vat))) {
            throw new IllegalArgumentException("a credit note's subtotal, VAT and total are the sums of its lines");
        }
    }

    /**
     * The credit note of {@code lines} on {@code invoice}: its company, number, seller and buyer as
     * the invoice printed them, and its subtotal, VAT and total the lines' sums.
     *
     * @param id its identifier
     * @param number its number in the credit-note series
     * @param invoice the issued invoice it corrects
     * @param lines at least one, in the invoice's currency
     * @param reason why
     * @param memo a note to print, or {@code null}
     * @param destination what the credit does
     * @param issuedAt when it is issued
     * @return the credit note
     * @throws IllegalArgumentException if there is no line or the currencies differ
     */
    public static CreditNote of(CreditNoteId id, InvoiceNumber number, Invoice invoice, List<CreditNoteLine> lines,
            CreditReason reason, String memo, CreditDestination destination, Instant issuedAt) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a credit note has at least one line");
        }
        MonetaryAmount net = lines.get(0).amount();
        MonetaryAmount vat = lines.get(0).tax().amount();
        for (CreditNoteLine line : lines.subList(1, lines.size())) {
            net = net.add(line.amount());
            vat = vat.add(line.tax().amount());
        }
        return new CreditNote(id, number, invoice.companyId(), invoice.id(), invoice.number(), invoice.seller(),
                invoice.buyer(), lines, net, vat, net.add(vat), reason, memo, destination, issuedAt);
    }

    /**
     * The VAT summary: one entry per treatment, country and rate of the credited lines.
     *
     * @return at least one entry; the taxes sum to {@link #taxTotal()}
     */
    public List<VatBreakdown> vatBreakdown() {
        return VatBreakdown.of(lines);
    }
}
