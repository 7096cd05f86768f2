package org.billingsdk.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * {@link Proration#remainingShare}: by the second, rounded once, half-up, to the currency's
 * decimals; never below zero nor above the amount, growing as the moment moves back, and the two
 * shares either side of a moment add up to the amount within one minor unit.
 */
class ProrationTest {

    private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant END = Instant.parse("2026-02-15T10:00:00Z");

    @Test
    void theShareIsCountedInSecondsAndRoundedHalfUpOnce() {
        assertThat(Proration.remainingShare(Money.of(new BigDecimal("49.00"), "EUR"), START, END,
                Instant.parse("2026-01-25T10:00:00Z"))).isEqualTo(Money.of(new BigDecimal("33.19"), "EUR"));
        // 1500 x 1/2 = 750 exactly; 1 yen x 1/2 = 0.5 rounds half-up to 1
        Instant half = START.plusSeconds((END.getEpochSecond() - START.getEpochSecond()) / 2);
        assertThat(Proration.remainingShare(Money.of(1500, "JPY"), START, END, half)).isEqualTo(Money.of(750, "JPY"));
        assertThat(Proration.remainingShare(Money.of(1, "JPY"), START, END, half)).isEqualTo(Money.of(1, "JPY"));
        assertThat(Proration.remainingShare(Money.of(new BigDecimal("49.00"), "EUR"), START, END, END.plusSeconds(9))
                .isZero()).isTrue();
        assertThat(Proration.remainingShare(Money.of(new BigDecimal("49.00"), "EUR"), START, END,
                START.minusSeconds(9))).isEqualTo(Money.of(new BigDecimal("49.00"), "EUR"));
        assertThatIllegalArgumentException().isThrownBy(() -> Proration.remainingShare(Money.of(1, "EUR"), END, END,
                END));
    }

    @Test
    void sharesStayWithinTheAmountAndBothSidesOfAMomentAddUpToItWithinOneMinorUnit() {
        long span = END.getEpochSecond() - START.getEpochSecond();
        qt().withExamples(5000).forAll(longs().between(0, 100_000_000), longs().between(0, span),
                        integers().between(0, 2))
                .checkAssert((minor, offset, kind) -> {
                    String currency = new String[] {"EUR", "JPY", "BHD"}[kind];
                    int digits = Money.of(0, currency).getCurrency().getDefaultFractionDigits();
                    MonetaryAmount amount = Money.of(BigDecimal.valueOf(minor, digits), currency);
                    Instant at = START.plusSeconds(offset);
                    MonetaryAmount after = Proration.remainingShare(amount, START, END, at);
                    assertThat(after.isNegative()).isFalse();
                    assertThat(after.isGreaterThan(amount)).isFalse();
                    assertThat(Proration.remainingShare(amount, START, END, at.minusSeconds(1))
                            .isGreaterThanOrEqualTo(after)).isTrue();
                    BigDecimal used = amount.getNumber().numberValueExact(BigDecimal.class)
                            .multiply(BigDecimal.valueOf(offset))
                            .divide(BigDecimal.valueOf(span), digits, RoundingMode.HALF_UP);
                    BigDecimal sum = used.add(after.getNumber().numberValueExact(BigDecimal.class));
                    BigDecimal unit = BigDecimal.ONE.movePointLeft(digits);
                    assertThat(sum.subtract(amount.getNumber().numberValueExact(BigDecimal.class)).abs())
                            .isLessThanOrEqualTo(unit);
                });
    }
}
