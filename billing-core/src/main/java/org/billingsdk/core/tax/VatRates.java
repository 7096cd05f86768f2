package org.billingsdk.core.tax;

import java.math.BigDecimal;
import java.util.Optional;
import org.billingsdk.core.company.CountryCode;

/**
 * The VAT rate that applies to the SDK's services in a country; replaceable, so that a host can
 * keep rates current or apply reduced ones. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface VatRates {

    /**
     * The rate in percent for an EU member state, or empty for a country it does not know. Asked
     * for the seller's country when the SDK is built (which fails if it is empty), and for the
     * country whose rate applies whenever an invoice or a preview is drafted.
     *
     * @param country an EU member state, in ISO 3166-1 alpha-2 form ({@code GR} for Greece)
     * @return the rate in percent, such as {@code 21} or {@code 25.5}; empty when unknown
     */
    Optional<BigDecimal> ratePercent(CountryCode country);

    /**
     * The standard rates of the 27 EU member states as in force on 2026-01-01.
     *
     * @return a shared, immutable rate table; empty for every country outside the EU
     */
    static VatRates euStandardRates() {
        return EuStandardRates.INSTANCE;
    }
}
