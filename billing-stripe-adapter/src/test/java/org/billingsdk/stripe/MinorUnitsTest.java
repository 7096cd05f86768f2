package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.javamoney.moneta.FastMoney;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/** Amounts in Stripe's integer units, exactly, by Stripe's currency rules. */
class MinorUnitsTest {

    private static long of(String amount, String currency) {
        return MinorUnits.of(Money.of(new BigDecimal(amount), currency));
    }

    @Test
    void twoDecimalCurrenciesAreInHundredths() {
        assertThat(of("59.29", "EUR")).isEqualTo(5929);
        assertThat(of("59.2900", "EUR")).isEqualTo(5929);
        assertThat(of("0.01", "USD")).isEqualTo(1);
        assertThat(of("1000000", "GBP")).isEqualTo(100_000_000);
        assertThat(MinorUnits.of(FastMoney.of(new BigDecimal("12.34"), "EUR"))).isEqualTo(1234);
    }

    @Test
    void zeroDecimalCurrenciesAreInWholeUnits() {
        assertThat(of("4900", "JPY")).isEqualTo(4900);
        assertThat(of("4900.00", "JPY")).isEqualTo(4900);
        assertThat(of("15000", "KRW")).isEqualTo(15000);
        assertThat(of("3000", "XOF")).isEqualTo(3000);
        assertThatThrownBy(() -> of("4900.5", "JPY")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never rounded");
    }

    @Test
    void threeDecimalCurrenciesAreInThousandthsEndingInZero() {
        assertThat(of("12.340", "BHD")).isEqualTo(12340);
        assertThat(of("5.12", "KWD")).isEqualTo(5120);
        assertThatThrownBy(() -> of("5.124", "KWD")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.010");
        assertThatThrownBy(() -> of("5.1234", "JOD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void iskIsInHundredthsOfWholeKronurOnly() {
        assertThat(of("500", "ISK")).isEqualTo(50000);
        assertThatThrownBy(() -> of("500.50", "ISK")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moreDecimalsThanTheCurrencyHasAreRefusedNeverRounded() {
        assertThatThrownBy(() -> of("10.005", "EUR")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EUR 10.005").hasMessageContaining("never rounded");
    }

    @Test
    void zeroNegativeAndHugeAmountsAreRefused() {
        assertThatThrownBy(() -> of("0.00", "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of("-1.00", "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of("1e30", "EUR")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void theCurrencyIsLowerCase() {
        assertThat(MinorUnits.currency(Money.of(1, "EUR"))).isEqualTo("eur");
    }
}
