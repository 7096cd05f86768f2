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

    /** The rate in percent for an EU member state, or empty for a country it does not know. */
    Optional<BigDecimal> ratePercent(CountryCode country);

    /** The standard rates of the 27 EU member states as in force on 2026-01-01. */
    static VatRates euStandardRates() {
        return EuStandardRates.INSTANCE;
    }
}
