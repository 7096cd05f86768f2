package org.billingsdk.core.tax;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;
import org.javamoney.moneta.Money;

/**
 * The EU VAT rules for services a seller in one member state sells: domestic rate at home; reverse
 * charge for a business in another member state with a valid VAT number; that state's rate for
 * other EU buyers; none outside the EU. Whether a number counts as valid is the
 * {@linkplain #verified(UnverifiedVatPolicy) verification's} to say: by default any well-formed
 * number does. Immutable and thread-safe.
 */
public final class VatRules {

    private final CountryCode sellerCountry;
    private final VatRates rates;
    private final UnverifiedVatPolicy policy;

    /**
     * The rules for one seller.
     *
     * @param sellerCountry the seller's country, an EU member state
     * @param rates the rate table, asked here for the seller's rate and later for buyers' rates
     * @throws IllegalArgumentException unless the seller is in an EU member state the rates know
     */
    public VatRules(CountryCode sellerCountry, VatRates rates) {
        this(sellerCountry, rates, null);
        if (!sellerCountry.isEuMemberState() || rates.ratePercent(sellerCountry).isEmpty()) {
            throw new IllegalArgumentException("the seller must be in an EU member state with a known VAT rate, was "
                    + sellerCountry);
        }
    }

    private VatRules(CountryCode sellerCountry, VatRates rates, UnverifiedVatPolicy policy) {
        this.sellerCountry = Objects.requireNonNull(sellerCountry, "sellerCountry");
        this.rates = Objects.requireNonNull(rates, "rates");
        this.policy = policy;
    }

    /**
     * The same rules for a seller that verifies VAT numbers: a buyer's number reverse-charges only
     * once the register found it valid ({@link Company#vatCheck()}); one it found invalid never does;
     * one not confirmed yet does as {@code policy} says.
     *
     * @param policy what a number not confirmed yet counts as
     * @return the rules with verification
     */
    public VatRules verified(UnverifiedVatPolicy policy) {
        return new VatRules(sellerCountry, rates, Objects.requireNonNull(policy, "policy"));
    }

    /**
     * The VAT on {@code net} for {@code buyer}: its billing address's country (the seller's when it
     * has none), and its VAT number if that counts as valid ({@link #reverseChargeable(Company)}).
     *
     * @param net the amount before tax
     * @param buyer the legal buyer: the payer the invoice is issued to
     * @return as {@link #taxFor(MonetaryAmount, CountryCode, Optional)}
     * @throws IllegalStateException if the rate table does not know the EU country whose rate applies
     */
    public TaxLine taxFor(MonetaryAmount net, Company buyer) {
        BillingDetails details = buyer.billingDetails();
        return taxFor(net, details == null ? null : details.billingAddress().countryCode(), reverseChargeable(buyer));
    }

    /**
     * The buyer's VAT number if it counts for reverse charge: any well-formed one without
     * verification; with it, one the register found valid, or one not confirmed yet (never asked, or
     * the register unavailable) under {@link UnverifiedVatPolicy#REVERSE_CHARGE_AND_RECHECK}.
     *
     * @param buyer the buyer
     * @return the number, or empty when there is none or it does not count
     */
    public Optional<VatNumber> reverseChargeable(Company buyer) {
        Optional<VatNumber> number = buyer.vatNumber();
        if (policy == null || number.isEmpty()) {
            return number;
        }
        VatCheck check = buyer.vatCheck();
        boolean counts = check == null || check.isUnavailable()
                ? policy == UnverifiedVatPolicy.REVERSE_CHARGE_AND_RECHECK
                : check.isValid();
        return counts ? number : Optional.empty();
    }

    /** {@return whether VAT numbers are verified, and if so what an unconfirmed one counts as} */
    public Optional<UnverifiedVatPolicy> verification() {
        return Optional.ofNullable(policy);
    }

    /**
     * The VAT on {@code net} for a buyer in {@code buyerCountry} (the seller's country when the buyer
     * gave no address) with an optional VAT number, taken as valid.
     *
     * @param net the amount before tax; the VAT is in its currency
     * @param buyerCountry the country of the buyer's billing address, or {@code null} when there is
     *     none
     * @param buyerVat the buyer's VAT number; it reverse-charges only when it is an EU number of
     *     {@code buyerCountry} and that is not the seller's country
     * @return the treatment, the country and rate applied, the VAT rounded half-up to the
     *     currency's decimals, and the note to print
     * @throws IllegalStateException if the rate table does not know the EU country whose rate
     *     applies
     */
    public TaxLine taxFor(MonetaryAmount net, CountryCode buyerCountry, Optional<VatNumber> buyerVat) {
        CountryCode country = buyerCountry == null ? sellerCountry : buyerCountry;
        if (country.equals(sellerCountry)) {
            return rated(VatTreatment.DOMESTIC, country, net);
        }
        if (!country.isEuMemberState()) {
            return new TaxLine(VatTreatment.OUTSIDE_EU, null, BigDecimal.ZERO, zero(net), "");
        }
        if (buyerVat.filter(vat -> vat.isEu() && vat.country().equals(country)).isPresent()) {
            return new TaxLine(VatTreatment.REVERSE_CHARGE, country, BigDecimal.ZERO, zero(net),
                    TaxLine.REVERSE_CHARGE_NOTE);
        }
        return rated(VatTreatment.DESTINATION_RATE, country, net);
    }

    private TaxLine rated(VatTreatment treatment, CountryCode country, MonetaryAmount net) {
        BigDecimal rate = rates.ratePercent(country)
                .orElseThrow(() -> new IllegalStateException("no VAT rate for " + country));
        BigDecimal exact = net.getNumber().numberValueExact(BigDecimal.class).multiply(rate).movePointLeft(2);
        return new TaxLine(treatment, country, rate, roundedMoney(exact, net), "");
    }

    /**
     * {@code amount} rounded half-up to the currency's decimals, in {@code like}'s currency.
     *
     * @param amount the exact amount, in any scale
     * @param like an amount in the currency to use; its value is ignored
     * @return a {@code Money} with the currency's default number of decimals (0 for JPY, 3 for BHD)
     */
    public static MonetaryAmount roundedMoney(BigDecimal amount, MonetaryAmount like) {
        int digits = Math.max(0, like.getCurrency().getDefaultFractionDigits());
        return Money.of(amount.setScale(digits, RoundingMode.HALF_UP), like.getCurrency());
    }

    private static MonetaryAmount zero(MonetaryAmount like) {
        return roundedMoney(BigDecimal.ZERO, like);
    }
}
