package org.billingsdk.core.tax;

import java.math.BigDecimal;
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
}
