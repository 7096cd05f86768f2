package org.billingsdk.core;

import java.math.BigDecimal;
import java.util.Objects;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import javax.money.MonetaryException;
import org.javamoney.moneta.Money;

/** Prints amounts of money the way invoices and the portal show them; thread-safe. */
public final class Amounts {

    /**
     * The most digits printed in plain notation. Every amount a price, an invoice or a payment can
     * hold (below one billion, at most 4 decimals) is far within it.
     */
    private static final int MOST_PLAIN_DIGITS = 100;

    private Amounts() {
    }

    /**
     * The currency code and the amount with (at least) the currency's decimals, never rounded:
     * {@code EUR 49.00}, {@code JPY 5000}, {@code EUR -4.125}. Total and bounded: an amount whose
     * plain form would have more than 100 digits (only an amount the catalog refuses can, such as
     * {@code 1E+2147483647}) is printed in scientific notation, and a currency claiming more than
     * 100 decimals has its amounts printed with their own decimals only.
     *
     * @param amount any amount, negative ones (credits) too; not null
     * @return the currency code, a space and the amount, no grouping separators
     * @throws NullPointerException if {@code amount} is null
     */
    public static String format(MonetaryAmount amount) {
        Objects.requireNonNull(amount, "amount");
        int currencyDigits = amount.getCurrency().getDefaultFractionDigits();
        BigDecimal exact = amount.getNumber().numberValueExact(BigDecimal.class);
        long integerDigits = Math.max(1L, (long) exact.precision() - exact.scale());
        long decimals = Math.max(exact.scale(),
                currencyDigits > MOST_PLAIN_DIGITS ? 0 : Math.max(0, currencyDigits));
        String number = integerDigits + decimals > MOST_PLAIN_DIGITS
                ? exact.toString()
                : exact.setScale((int) decimals).toPlainString();
        return amount.getCurrency().getCurrencyCode() + " " + number;
    }

    /**
     * The amount {@link #format} printed: {@code EUR 49.00} reads back as 49.00 euros, exactly.
     *
     * @param text a currency code, one space and a decimal number (plain or scientific); not null
     * @return the amount, in Moneta's {@code Money}
     * @throws IllegalArgumentException unless {@code text} is a known currency code, a space and a number
     */
    public static MonetaryAmount parse(String text) {
        int space = text.indexOf(' ');
        if (space != 3) {
            throw new IllegalArgumentException("an amount is a three-letter currency code, a space and a number");
        }
        try {
            return Money.of(new BigDecimal(text.substring(space + 1)), Monetary.getCurrency(text.substring(0, space)));
        } catch (NumberFormatException | MonetaryException e) {
            throw new IllegalArgumentException("an amount is a three-letter currency code, a space and a number", e);
        }
    }
}
