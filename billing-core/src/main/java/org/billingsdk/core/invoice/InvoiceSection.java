package org.billingsdk.core.invoice;

import java.util.List;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.CompanyId;

/**
 * The lines of an invoice for one company ({@link Invoice#sections()}): on a payer's consolidated
 * invoice, what each company it pays for is billed, under its name; immutable.
 *
 * @param companyId the company the lines are for
 * @param companyName its name when the lines were made
 * @param lines its lines, in the invoice's order; one at least
 * @param subtotal the sum of their net amounts
 * @param taxTotal the sum of their VAT, each rounded once on its line
 * @param total {@code subtotal} plus {@code taxTotal}
 */
public record InvoiceSection(CompanyId companyId, String companyName, List<InvoiceLine> lines,
        MonetaryAmount subtotal, MonetaryAmount taxTotal, MonetaryAmount total) {

    /**
     * @param companyId not null
     * @param companyName not null
     * @param lines one at least; copied
     * @param subtotal not null
     * @param taxTotal not null
     * @param total not null
     * @throws IllegalArgumentException if there is no line
     */
    public InvoiceSection {
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(companyName, "companyName");
        lines = List.copyOf(lines);
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(taxTotal, "taxTotal");
        Objects.requireNonNull(total, "total");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a section has at least one line");
        }
    }

    /**
     * The section of {@code lines}, its totals their sums.
     *
     * @param companyId the company; not null
     * @param companyName its name; not null
     * @param lines one at least, in one currency
     * @return the section
     */
    static InvoiceSection of(CompanyId companyId, String companyName, List<InvoiceLine> lines) {
        MonetaryAmount subtotal = lines.get(0).amount();
        MonetaryAmount taxTotal = lines.get(0).tax().amount();
        for (InvoiceLine line : lines.subList(1, lines.size())) {
            subtotal = subtotal.add(line.amount());
            taxTotal = taxTotal.add(line.tax().amount());
        }
        return new InvoiceSection(companyId, companyName, lines, subtotal, taxTotal, subtotal.add(taxTotal));
    }
}
