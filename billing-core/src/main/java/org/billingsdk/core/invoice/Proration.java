package org.billingsdk.core.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * The part of a period's amount that belongs to part of the period: the amount times the part's
 * length over the period's length, both counted in whole seconds, rounded once, half-up, to the
 * currency's decimals (cents for EUR, whole yen for JPY). Thread-safe, no state.
 */
public final class Proration {

    private Proration() {
    }

    /**
     * The share of {@code amount} for the time from {@code from} to the period's end.
     *
     * @param amount what the whole period costs, zero or more
     * @param periodStart when the period starts
     * @param periodEnd when it ends, after {@code periodStart}
     * @param from where the share starts, within the period (clamped to it)
     * @return the rounded share: zero when {@code from} is at or after the end, {@code amount} at or
     *     before the start
     * @throws IllegalArgumentException if the period is empty or {@code amount} is negative
     */
    public static MonetaryAmount remainingShare(MonetaryAmount amount, Instant periodStart, Instant periodEnd,
            Instant from) {
        Objects.requireNonNull(amount, "amount");
        long total = Duration.between(periodStart, periodEnd).getSeconds();
        if (total <= 0) {
            throw new IllegalArgumentException("a period lasts at least a second");
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a period's amount is zero or more");
        }
        Instant start = from.isBefore(periodStart) ? periodStart : from.isAfter(periodEnd) ? periodEnd : from;
        long remaining = Duration.between(start, periodEnd).getSeconds();
        int digits = Math.max(0, amount.getCurrency().getDefaultFractionDigits());
        BigDecimal share = amount.getNumber().numberValueExact(BigDecimal.class).multiply(BigDecimal.valueOf(remaining))
                .divide(BigDecimal.valueOf(total), digits, RoundingMode.HALF_UP);
        return Money.of(share, amount.getCurrency());
    }
}
