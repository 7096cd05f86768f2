package org.billingsdk.core.tax;

import java.math.BigDecimal;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.CountryCode;

/**
 * The VAT on an invoice; immutable.
 *
 * @param treatment how VAT applies
 * @param country the country whose rate applies, or {@code null} outside the EU
 * @param ratePercent the rate in percent, such as {@code 21} or {@code 25.5}; 0 for reverse charge
 *     and outside the EU
 * @param amount the VAT amount, rounded half-up to the currency's decimals
 * @param note the legal note the invoice must print, such as the reverse-charge mention, or an
 *     empty string
 */
public record TaxLine(VatTreatment treatment, CountryCode country, BigDecimal ratePercent, MonetaryAmount amount,
        String note) {

    /** The note EU law requires on a reverse-charged invoice (Directive 2006/112/EC art. 226(11a)). */
    public static final String REVERSE_CHARGE_NOTE =
            "Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC).";

    /**
     * Checks that every component but the country is given.
     *
     * @param treatment not {@code null}
     * @param country may be {@code null}
     * @param ratePercent not {@code null}; its scale is not significant
     * @param amount not {@code null}
     * @param note not {@code null}; empty when there is nothing to print
     * @throws NullPointerException if a required component is {@code null}
     */
    public TaxLine {
        Objects.requireNonNull(treatment, "treatment");
        Objects.requireNonNull(ratePercent, "ratePercent");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(note, "note");
    }
}
