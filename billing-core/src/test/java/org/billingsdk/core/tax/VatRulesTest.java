package org.billingsdk.core.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.BillingMode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VatRulesTest {

    private static final CountryCode NL = CountryCode.of("NL");
    private final VatRules dutchSeller = new VatRules(NL, VatRates.euStandardRates());

    private static MonetaryAmount eur(String amount) {
        return Money.of(new BigDecimal(amount), Monetary.getCurrency("EUR"));
    }

    private static BigDecimal exact(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }

    private TaxLine tax(MonetaryAmount net, String country, String vatNumber) {
        return dutchSeller.taxFor(net, country == null ? null : CountryCode.of(country),
                Optional.ofNullable(vatNumber).map(VatNumber::of));
    }

    @Test
    void aBuyerInTheSellersCountryPaysTheDomesticRate() {
        TaxLine tax = tax(eur("49.00"), "NL", null);

        assertThat(tax.treatment()).isEqualTo(VatTreatment.DOMESTIC);
        assertThat(tax.country()).isEqualTo(NL);
        assertThat(tax.ratePercent()).isEqualByComparingTo("21");
        assertThat(exact(tax.amount())).isEqualByComparingTo("10.29");
        assertThat(tax.note()).isEmpty();
    }

    @Test
    void aDomesticBusinessWithAVatNumberStillPaysTheDomesticRate() {
        TaxLine tax = tax(eur("49.00"), "NL", "NL853746333B01");

        assertThat(tax.treatment()).isEqualTo(VatTreatment.DOMESTIC);
        assertThat(exact(tax.amount())).isEqualByComparingTo("10.29");
    }

    @Test
    void aBusinessInAnotherMemberStateWithAValidVatNumberIsReverseCharged() {
        TaxLine tax = tax(eur("49.00"), "DE", "DE136695976");

        assertThat(tax.treatment()).isEqualTo(VatTreatment.REVERSE_CHARGE);
        assertThat(tax.country()).isEqualTo(CountryCode.of("DE"));
        assertThat(tax.ratePercent()).isEqualByComparingTo("0");
        assertThat(exact(tax.amount())).isEqualByComparingTo("0.00");
        assertThat(tax.amount().getCurrency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(tax.note()).isEqualTo(TaxLine.REVERSE_CHARGE_NOTE);
    }

    @Test
    void aGreekBusinessWithItsElPrefixedNumberIsReverseCharged() {
        TaxLine tax = tax(eur("49.00"), "GR", "EL094259216");

        assertThat(tax.treatment()).isEqualTo(VatTreatment.REVERSE_CHARGE);
        assertThat(tax.note()).isEqualTo(TaxLine.REVERSE_CHARGE_NOTE);
    }

    @Test
    void anEuBuyerWithoutAVatNumberPaysItsOwnCountrysRate() {
        TaxLine tax = tax(eur("49.00"), "DE", null);

        assertThat(tax.treatment()).isEqualTo(VatTreatment.DESTINATION_RATE);
        assertThat(tax.country()).isEqualTo(CountryCode.of("DE"));
        assertThat(tax.ratePercent()).isEqualByComparingTo("19");
        assertThat(exact(tax.amount())).isEqualByComparingTo("9.31");
        assertThat(tax.note()).isEmpty();
    }

    @Test
    void aVatNumberOfAnotherCountryThanTheAddressDoesNotReverseCharge() {
        TaxLine tax = tax(eur("49.00"), "DE", "BE0428759497");

        assertThat(tax.treatment()).isEqualTo(VatTreatment.DESTINATION_RATE);
        assertThat(tax.ratePercent()).isEqualByComparingTo("19");
    }

    @Test
    void theFinnishRateOf25Point5IsRoundedHalfUpToCents() {
        TaxLine tax = tax(eur("49.99"), "FI", null);

        // 49.99 * 25.5 % = 12.74745
        assertThat(tax.ratePercent()).isEqualByComparingTo("25.5");
        assertThat(exact(tax.amount())).isEqualByComparingTo("12.75");
    }

    @ParameterizedTest(name = "{0} * {1} % = {2}")
    @CsvSource({
            "0.10, NL, 0.02",   // 0.021
            "0.02, NL, 0.00",   // 0.0042
            "0.50, DE, 0.10",   // 0.095 exactly half: up
            "10.50, DE, 2.00",  // 1.995 exactly half: up
            "1.00, FI, 0.26",   // 0.255 exactly half: up (not half-even 0.26 by accident: see next)
            "3.00, FI, 0.77",   // 0.765 exactly half: up, where half-even would give 0.76
            "99.99, HU, 27.00"  // 26.9973
    })
    void vatIsRoundedHalfUpToTheCurrencysDecimals(String net, String country, String expected) {
        TaxLine tax = tax(eur(net), country, null);

        assertThat(exact(tax.amount())).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"CH", "US", "GB", "NO"})
    void aBuyerOutsideTheEuPaysNoVat(String country) {
        TaxLine tax = tax(eur("49.00"), country, null);

        assertThat(tax.treatment()).isEqualTo(VatTreatment.OUTSIDE_EU);
        assertThat(tax.country()).isNull();
        assertThat(tax.ratePercent()).isEqualByComparingTo("0");
        assertThat(exact(tax.amount())).isEqualByComparingTo("0.00");
        assertThat(tax.note()).isEmpty();
    }

    @Test
    void aNorthernIrishBusinessIsOutsideTheEuForServices() {
        TaxLine tax = tax(eur("49.00"), "GB", "XI925901618");

        assertThat(tax.treatment()).isEqualTo(VatTreatment.OUTSIDE_EU);
        assertThat(exact(tax.amount())).isEqualByComparingTo("0.00");
    }

    @Test
    void aBuyerWithoutACountryIsTreatedAsDomestic() {
        TaxLine tax = tax(eur("49.00"), null, null);

        assertThat(tax.treatment()).isEqualTo(VatTreatment.DOMESTIC);
        assertThat(tax.country()).isEqualTo(NL);
        assertThat(exact(tax.amount())).isEqualByComparingTo("10.29");
    }

    @Test
    void aReplacedRateTableIsUsed() {
        Map<String, BigDecimal> table = Map.of("NL", new BigDecimal("9"), "DE", new BigDecimal("7"));
        VatRules rules = new VatRules(NL, country -> Optional.ofNullable(table.get(country.value())));

        TaxLine domestic = rules.taxFor(eur("49.00"), NL, Optional.empty());
        TaxLine german = rules.taxFor(eur("49.00"), CountryCode.of("DE"), Optional.empty());

        assertThat(domestic.ratePercent()).isEqualByComparingTo("9");
        assertThat(exact(domestic.amount())).isEqualByComparingTo("4.41");
        assertThat(german.ratePercent()).isEqualByComparingTo("7");
        assertThat(exact(german.amount())).isEqualByComparingTo("3.43");
    }

    @Test
    void anEuCountryMissingFromTheRateTableIsAnErrorNotZeroVat() {
        VatRules rules = new VatRules(NL, country -> country.equals(NL)
                ? Optional.of(new BigDecimal("21")) : Optional.empty());

        assertThatThrownBy(() -> rules.taxFor(eur("49.00"), CountryCode.of("DE"), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DE");
    }

    @Test
    void yenAmountsKeepZeroDecimals() {
        MonetaryAmount net = Money.of(new BigDecimal("4999"), Monetary.getCurrency("JPY"));

        TaxLine domestic = dutchSeller.taxFor(net, NL, Optional.empty());
        TaxLine outside = dutchSeller.taxFor(net, CountryCode.of("US"), Optional.empty());

        // 4999 * 21 % = 1049.79
        assertThat(exact(domestic.amount())).isEqualByComparingTo("1050");
        assertThat(exact(domestic.amount()).stripTrailingZeros().scale()).isLessThanOrEqualTo(0);
        assertThat(domestic.amount().getCurrency().getCurrencyCode()).isEqualTo("JPY");
        assertThat(exact(outside.amount())).isEqualByComparingTo("0");
        assertThat(outside.amount().getCurrency().getCurrencyCode()).isEqualTo("JPY");
    }

    @Test
    void roundingIsHalfUpOnTheExactProductEvenForARateWithManyDecimals() {
        // 0.15 * 3.333333333333 % = 0.0049999999999995: below half a cent, so 0.00. Rounding the
        // product to ten decimals first (0.0050000000) and then to cents gives 0.01.
        VatRules rules = new VatRules(NL, country -> Optional.of(new BigDecimal("3.333333333333")));

        TaxLine tax = rules.taxFor(eur("0.15"), NL, Optional.empty());

        assertThat(exact(tax.amount())).isEqualByComparingTo("0.00");
    }

    @Test
    void aSellerOutsideTheEuOrWithoutARateIsRefused() {
        assertThatThrownBy(() -> new VatRules(CountryCode.of("CH"), VatRates.euStandardRates()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VatRules(NL, country -> Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStandardTableKnowsEveryMemberStateAndNothingElse() {
        VatRates rates = VatRates.euStandardRates();

        for (String country : java.util.List.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
                "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK")) {
            assertThat(rates.ratePercent(CountryCode.of(country))).as(country).isPresent();
        }
        assertThat(rates.ratePercent(CountryCode.of("CH"))).isEmpty();
        assertThat(rates.ratePercent(CountryCode.of("US"))).isEmpty();
    }

    /** A German business with {@code check} (or none) of its number, as the register left it. */
    private static Company german(String check) {
        VatNumber number = VatNumber.of("DE136695976");
        CompanyId id = CompanyId.random();
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        VatCheck vatCheck = switch (check) {
            case "VALID" -> VatCheck.valid(number, at, "W1", null, null);
            case "INVALID" -> VatCheck.invalid(number, at, "W2");
            case "UNAVAILABLE" -> VatCheck.unavailable(number, at, "MS_UNAVAILABLE");
            default -> null;
        };
        return new Company(id, "Acme GmbH", null, id,
                EmailAddress.of("it@acme.example"),
                new BillingDetails(null, number.value(),
                        Address.of("Friedrichstraße 1", "10117", "Berlin", "DE"), null),
                BillingMode.DIRECT, null, null, vatCheck, at, 1);
    }

    @ParameterizedTest(name = "{0} check, {1}: {2}")
    @CsvSource({
            "NONE, TRUSTED, REVERSE_CHARGE",
            "NONE, CHARGE_VAT_UNTIL_VERIFIED, DESTINATION_RATE",
            "NONE, REVERSE_CHARGE_AND_RECHECK, REVERSE_CHARGE",
            "VALID, CHARGE_VAT_UNTIL_VERIFIED, REVERSE_CHARGE",
            "VALID, REVERSE_CHARGE_AND_RECHECK, REVERSE_CHARGE",
            "INVALID, CHARGE_VAT_UNTIL_VERIFIED, DESTINATION_RATE",
            "INVALID, REVERSE_CHARGE_AND_RECHECK, DESTINATION_RATE",
            "UNAVAILABLE, CHARGE_VAT_UNTIL_VERIFIED, DESTINATION_RATE",
            "UNAVAILABLE, REVERSE_CHARGE_AND_RECHECK, REVERSE_CHARGE"})
    void theRegistersAnswerAndThePolicyDecideWhetherANumberIsReverseCharged(String check, String policy,
            VatTreatment expected) {
        VatRules rules = policy.equals("TRUSTED") ? dutchSeller
                : dutchSeller.verified(UnverifiedVatPolicy.valueOf(policy));

        TaxLine tax = rules.taxFor(eur("49.00"), german(check));

        assertThat(tax.treatment()).isEqualTo(expected);
        assertThat(exact(tax.amount())).isEqualByComparingTo(expected == VatTreatment.REVERSE_CHARGE ? "0" : "9.31");
    }
}
