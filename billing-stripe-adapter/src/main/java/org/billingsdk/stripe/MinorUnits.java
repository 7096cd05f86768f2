package org.billingsdk.stripe;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import javax.money.MonetaryAmount;

/**
 * Converts amounts to the integer Stripe expects, exactly, by Stripe's currency rules: most
 * currencies in hundredths; zero-decimal currencies (JPY, KRW, ...) in whole units;
 * three-decimal currencies (BHD, JOD, KWD, OMR, TND) in thousandths whose last digit must be 0;
 * ISK in hundredths of whole krónur only. An amount that does not convert exactly is refused,
 * never rounded.
 */
final class MinorUnits {

    /** Stripe's zero-decimal currencies. */
    static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG",
            "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    /** Stripe's three-decimal currencies; amounts must be multiples of ten thousandths. */
    static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");
    /** Two-decimal in the API, but only whole units may be charged. */
    static final Set<String> WHOLE_UNITS_IN_HUNDREDTHS = Set.of("ISK");

    private MinorUnits() {
    }

    /**
     * The amount in Stripe's integer representation.
     *
     * @throws IllegalArgumentException if the amount is not positive or has more precision than
     *     Stripe takes for its currency
     */
    static long of(MonetaryAmount amount) {
        String currency = amount.getCurrency().getCurrencyCode().toUpperCase(Locale.ROOT);
        BigDecimal value = amount.getNumber().numberValueExact(BigDecimal.class);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("only positive amounts are charged, not " + describe(amount));
        }
        int digits = ZERO_DECIMAL.contains(currency) ? 0 : THREE_DECIMAL.contains(currency) ? 3 : 2;
        BigDecimal minor = value.movePointRight(digits);
        if (minor.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(describe(amount) + " has more decimals than Stripe takes for "
                    + currency + " (" + digits + "); amounts are never rounded");
        }
        long units;
        try {
            units = minor.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(describe(amount) + " is too large for Stripe", e);
        }
        if (THREE_DECIMAL.contains(currency) && units % 10 != 0) {
            throw new IllegalArgumentException(describe(amount) + ": Stripe takes " + currency
                    + " amounts in multiples of 0.010 only; amounts are never rounded");
        }
        if (WHOLE_UNITS_IN_HUNDREDTHS.contains(currency) && units % 100 != 0) {
            throw new IllegalArgumentException(describe(amount) + ": Stripe takes whole " + currency
                    + " amounts only; amounts are never rounded");
        }
        return units;
    }

    /** The lower-case ISO code Stripe expects. */
    static String currency(MonetaryAmount amount) {
        return amount.getCurrency().getCurrencyCode().toLowerCase(Locale.ROOT);
    }

    private static String describe(MonetaryAmount amount) {
        return amount.getCurrency().getCurrencyCode() + " "
                + amount.getNumber().numberValue(BigDecimal.class).toPlainString();
    }
}
