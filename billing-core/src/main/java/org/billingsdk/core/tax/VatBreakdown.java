package org.billingsdk.core.tax;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.CountryCode;

/**
 * The VAT of a document at one treatment and rate, as its VAT summary prints it (EN 16931's
 * "VAT breakdown"); immutable. Its amounts are the sums of the lines at that treatment and rate:
 * each line's VAT is rounded once, on the line, and never rounded again here.
 *
 * @param treatment how the VAT was decided
 * @param country the country whose rate applies, or {@code null} outside the EU
 * @param ratePercent the rate applied, in percent
 * @param taxableAmount the sum of the lines' net amounts at this rate
 * @param taxAmount the sum of the lines' VAT at this rate
 * @param note the legal note to print, empty when there is none
 */
public record VatBreakdown(VatTreatment treatment, CountryCode country, BigDecimal ratePercent,
        MonetaryAmount taxableAmount, MonetaryAmount taxAmount, String note) {

    /**
     * Checks that every component but the country is given.
     *
     * @param treatment not {@code null}
     * @param country may be {@code null}
     * @param ratePercent not {@code null}
     * @param taxableAmount not {@code null}
     * @param taxAmount not {@code null}
     * @param note not {@code null}
     * @throws NullPointerException if a required component is {@code null}
     */
    public VatBreakdown {
        Objects.requireNonNull(treatment, "treatment");
        Objects.requireNonNull(ratePercent, "ratePercent");
        Objects.requireNonNull(taxableAmount, "taxableAmount");
        Objects.requireNonNull(taxAmount, "taxAmount");
        Objects.requireNonNull(note, "note");
    }

    /**
     * The VAT summary of a document's lines: one entry per treatment, country and rate, in the
     * order its first line appears, each the sum of its lines' net amounts and of their VAT (each
     * rounded once on its line, never again here).
     *
     * @param lines the document's lines, at least one, in one currency
     * @return one entry per treatment, country and rate; the taxes sum to the lines' VAT
     */
    public static List<VatBreakdown> of(List<? extends Taxed> lines) {
        record Rate(VatTreatment treatment, CountryCode country, BigDecimal ratePercent, String note) {
        }
        Map<Rate, MonetaryAmount[]> sums = new LinkedHashMap<>();
        for (Taxed line : lines) {
            TaxLine tax = line.tax();
            Rate rate = new Rate(tax.treatment(), tax.country(), tax.ratePercent().stripTrailingZeros(), tax.note());
            MonetaryAmount[] sum = sums.get(rate);
            if (sum == null) {
                sums.put(rate, new MonetaryAmount[] {line.amount(), tax.amount()});
            } else {
                sum[0] = sum[0].add(line.amount());
                sum[1] = sum[1].add(tax.amount());
            }
        }
        List<VatBreakdown> breakdown = new ArrayList<>(sums.size());
        sums.forEach((rate, sum) -> breakdown.add(new VatBreakdown(rate.treatment(), rate.country(),
                rate.ratePercent(), sum[0], sum[1], rate.note())));
        return List.copyOf(breakdown);
    }
}
