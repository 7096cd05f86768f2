package org.billingsdk.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import javax.money.MonetaryAmount;

/** Prints amounts of money the way invoices and the portal show them. */
public final class Amounts {

    private Amounts() {
    }

    /**
     * The currency code and the amount with (at least) the currency's decimals, never rounded:
     * {@code EUR 49.00}, {@code JPY 5000}.
     *
     * @param amount any amount, negative ones (credits) too; not null
     * @return the currency code, a space and the plain amount, no grouping separators
     */
    public static String format(MonetaryAmount amount) {
        int digits = Math.max(0, amount.getCurrency().getDefaultFractionDigits());
        BigDecimal exact = amount.getNumber().numberValueExact(BigDecimal.class);
        BigDecimal value = exact.setScale(Math.max(digits, exact.scale()), RoundingMode.UNNECESSARY);
        return amount.getCurrency().getCurrencyCode() + " " + value.toPlainString();
    }
}
