package org.billingsdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import javax.money.CurrencyContext;
import javax.money.CurrencyContextBuilder;
import javax.money.CurrencyUnit;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How amounts are printed: exact, with the currency's decimals, and bounded for any amount at all. */
class AmountsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EUR | 49       | EUR 49.00
            EUR | 49.5     | EUR 49.50
            EUR | -4.125   | EUR -4.125
            EUR | 1E+3     | EUR 1000.00
            JPY | 5000     | JPY 5000
            BHD | 12.3     | BHD 12.300
            EUR | 0        | EUR 0.00
            """)
    void printsTheAmountWithAtLeastTheCurrencysDecimalsNeverRounded(String currency, String amount,
            String printed) {
        assertThat(Amounts.format(Money.of(new BigDecimal(amount), currency))).isEqualTo(printed);
    }

    @Test
    void extremeExponentsArePrintedInScientificNotationInsteadOfBillionsOfDigits() {
        assertThat(Amounts.format(Money.of(new BigDecimal("1E-2147483647"), "EUR"))).isEqualTo("EUR 1E-2147483647");
        assertThat(Amounts.format(Money.of(new BigDecimal("1E+2147483647"), "EUR"))).isEqualTo("EUR 1E+2147483647");
        assertThat(Amounts.format(Money.of(new BigDecimal("-7E+2147483647"), "EUR")))
                .isEqualTo("EUR -7E+2147483647");
    }

    @Test
    void aCurrencyClaimingAbsurdDecimalsHasItsAmountsPrintedWithTheirOwnDecimals() {
        assertThat(Amounts.format(Money.of(new BigDecimal("12.5"), new OddCurrency(Integer.MAX_VALUE))))
                .isEqualTo("XQA 12.5");
        assertThat(Amounts.format(Money.of(new BigDecimal("12.5"), new OddCurrency(Integer.MIN_VALUE))))
                .isEqualTo("XQA 12.5");
    }

    @Test
    void anyAmountPrintsBoundedTextThatReadsBackAsTheSameNumber() {
        qt().withExamples(5_000)
                .forAll(longs().all(), integers().between(-2_147_483_000, 2_147_483_000), integers().between(-1, 200))
                .checkAssert((unscaled, scale, decimals) -> {
                    BigDecimal amount = new BigDecimal(BigInteger.valueOf(unscaled), scale);
                    String printed = Amounts.format(Money.of(amount, new OddCurrency(decimals)));

                    assertThat(printed).startsWith("XQA ").hasSizeLessThan(140);
                    assertThat(new BigDecimal(printed.substring(4))).isEqualByComparingTo(amount);
                });
    }

    /** A currency a host's own {@link CurrencyUnit} could define. */
    private record OddCurrency(int getDefaultFractionDigits) implements CurrencyUnit {

        @Override
        public String getCurrencyCode() {
            return "XQA";
        }

        @Override
        public int getNumericCode() {
            return -1;
        }

        @Override
        public CurrencyContext getContext() {
            return CurrencyContextBuilder.of("test").build();
        }

        @Override
        public int compareTo(CurrencyUnit other) {
            return getCurrencyCode().compareTo(other.getCurrencyCode());
        }
    }
}
