package org.billingsdk.core.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * What a subscription costs per billing period, as the portal shows it ({@code EUR 49.00 / month});
 * immutable.
 */
public record BillingAmount(MonetaryAmount amount, BillingInterval interval) {

    public BillingAmount {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(interval, "interval");
    }

    /** For example {@code EUR 49.00 / month}: the amount with (at least) its currency's decimals, never rounded. */
    @Override
    public String toString() {
        int digits = Math.max(0, amount.getCurrency().getDefaultFractionDigits());
        BigDecimal exact = amount.getNumber().numberValueExact(BigDecimal.class);
        BigDecimal value = exact.setScale(Math.max(digits, exact.scale()), RoundingMode.UNNECESSARY);
        return amount.getCurrency().getCurrencyCode() + " " + value.toPlainString() + " / " + interval.unit();
    }
}
