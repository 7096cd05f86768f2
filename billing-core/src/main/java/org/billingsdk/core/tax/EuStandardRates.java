package org.billingsdk.core.tax;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.billingsdk.core.company.CountryCode;

/** The standard VAT rates of the EU member states, in percent, as in force on 2026-01-01. */
final class EuStandardRates implements VatRates {

    static final EuStandardRates INSTANCE = new EuStandardRates();

    private static final Map<String, BigDecimal> RATES = Map.ofEntries(
            Map.entry("AT", new BigDecimal("20")),
            Map.entry("BE", new BigDecimal("21")),
            Map.entry("BG", new BigDecimal("20")),
            Map.entry("CY", new BigDecimal("19")),
            Map.entry("CZ", new BigDecimal("21")),
            Map.entry("DE", new BigDecimal("19")),
            Map.entry("DK", new BigDecimal("25")),
            Map.entry("EE", new BigDecimal("24")),
            Map.entry("ES", new BigDecimal("21")),
            Map.entry("FI", new BigDecimal("25.5")),
            Map.entry("FR", new BigDecimal("20")),
            Map.entry("GR", new BigDecimal("24")),
            Map.entry("HR", new BigDecimal("25")),
            Map.entry("HU", new BigDecimal("27")),
            Map.entry("IE", new BigDecimal("23")),
            Map.entry("IT", new BigDecimal("22")),
            Map.entry("LT", new BigDecimal("21")),
            Map.entry("LU", new BigDecimal("17")),
            Map.entry("LV", new BigDecimal("21")),
            Map.entry("MT", new BigDecimal("18")),
            Map.entry("NL", new BigDecimal("21")),
            Map.entry("PL", new BigDecimal("23")),
            Map.entry("PT", new BigDecimal("23")),
            Map.entry("RO", new BigDecimal("21")),
            Map.entry("SE", new BigDecimal("25")),
            Map.entry("SI", new BigDecimal("22")),
            Map.entry("SK", new BigDecimal("23")));

    private EuStandardRates() {
    }

    @Override
    public Optional<BigDecimal> ratePercent(CountryCode country) {
        return Optional.ofNullable(RATES.get(country.value()));
    }
}
