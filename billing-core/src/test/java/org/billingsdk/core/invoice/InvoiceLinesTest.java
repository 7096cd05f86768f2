package org.billingsdk.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatBreakdown;
import org.billingsdk.core.tax.VatRates;
import org.billingsdk.core.tax.VatRules;
import org.billingsdk.core.tax.VatTreatment;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/** An invoice of several lines: each line taxed and rounded on its own, the totals their sums. */
class InvoiceLinesTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant END = Instant.parse("2027-01-01T00:00:00Z");
    private static final VatRules VAT = new VatRules(CountryCode.of("NL"), VatRates.euStandardRates());
    private static final Party SELLER = new Party("Billing SDK B.V.", null, null,
            Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL"));
    private static final Party BUYER = new Party("Acme", null, null, null);

    private static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), "EUR");
    }

    private static BigDecimal exact(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }

    /** A line of {@code quantity} units at {@code unitPrice}, taxed as a buyer in {@code country} is. */
    private static InvoiceLine line(int quantity, String unitPrice, String country) {
        Money unit = eur(unitPrice);
        MonetaryAmount amount = unit.multiply(quantity);
        TaxLine tax = VAT.taxFor(amount, CountryCode.of(country), java.util.Optional.empty());
        return new InvoiceLine(ProductCode.of("edr"), "Endpoint Detection & Response", SubscriptionId.random(),
                PlanId.of("edr-monthly"), START, END, quantity, unit, amount, tax);
    }

    private static Invoice draft(InvoiceLine... lines) {
        return Invoice.draftOf(InvoiceId.random(), CompanyId.random(), SELLER, BUYER, List.of(lines));
    }

    @Test
    void eachLineIsRoundedOnItsOwnAndTheInvoiceVatIsTheSumOfTheLines() {
        // 25.5 % of EUR 0.10 is 0.0255, rounded half-up to 0.03 on each line: 0.09 for three lines,
        // where 25.5 % of the subtotal 0.30 would round to 0.08.
        Invoice invoice = draft(line(1, "0.10", "FI"), line(1, "0.10", "FI"), line(1, "0.10", "FI"));

        assertThat(exact(invoice.subtotal())).isEqualByComparingTo("0.30");
        assertThat(exact(invoice.taxTotal())).isEqualByComparingTo("0.09");
        assertThat(exact(invoice.total())).isEqualByComparingTo("0.39");
        assertThat(invoice.vatBreakdown()).singleElement().satisfies(rate -> {
            assertThat(rate.ratePercent()).isEqualByComparingTo("25.5");
            assertThat(exact(rate.taxableAmount())).isEqualByComparingTo("0.30");
            assertThat(exact(rate.taxAmount())).isEqualByComparingTo("0.09");
        });
    }

    @Test
    void linesWithTheirOwnQuantityAndRateAddUpToTheTotalsAndOneSummaryEntryPerRate() {
        Invoice invoice = draft(line(3, "49.00", "NL"), line(1, "19.99", "DE"), line(2, "5.00", "NL"));

        assertThat(invoice.lines()).extracting(InvoiceLine::quantity).containsExactly(3, 1, 2);
        assertThat(exact(invoice.lines().get(0).amount())).isEqualByComparingTo("147.00");
        assertThat(exact(invoice.subtotal())).isEqualByComparingTo("176.99");
        // NL 21 %: 30.87 + 2.10; DE 19 %: 3.7981 -> 3.80.
        assertThat(exact(invoice.taxTotal())).isEqualByComparingTo("36.77");
        assertThat(exact(invoice.total())).isEqualByComparingTo("213.76");
        assertThat(exact(invoice.amountDue())).isEqualByComparingTo("213.76");
        assertThat(invoice.creditApplied().isZero()).isTrue();
        List<VatBreakdown> breakdown = invoice.vatBreakdown();
        assertThat(breakdown).extracting(VatBreakdown::country)
                .containsExactly(CountryCode.of("NL"), CountryCode.of("DE"));
        assertThat(breakdown).extracting(rate -> exact(rate.taxableAmount()))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("157.00"), new BigDecimal("19.99"));
        assertThat(breakdown).extracting(rate -> exact(rate.taxAmount()))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("32.97"), new BigDecimal("3.80"));
    }

    @Test
    void paidAndVoidedInvoicesHaveNothingDueWhileAnUncollectibleOneStillOwesItsAmount() {
        Invoice open = draft(line(1, "49.00", "NL")).finalized(new InvoiceNumber("INV-2026", 1), START, END);

        assertThat(open.paid(START).amountDue().isZero()).isTrue();
        assertThat(open.voided(START).amountDue().isZero()).isTrue();
        assertThat(exact(open.uncollectible(START).amountDue())).isEqualByComparingTo("59.29");
    }

    @Test
    void aPaymentAttemptChargesTheAmountDue() {
        Invoice open = draft(line(2, "49.00", "NL")).finalized(new InvoiceNumber("INV-2026", 1), START, END);

        assertThat(Payment.newAttempt(open, null, START).amount()).isEqualTo(open.amountDue());
    }

    @Test
    void totalsThatAreNotTheLinesSumsAreRefused() {
        Invoice valid = draft(line(1, "49.00", "NL"), line(1, "10.00", "NL"));

        assertThatIllegalArgumentException().isThrownBy(() -> copy(valid, eur("59.01"), valid.taxTotal(),
                eur("71.40"), eur("0"), eur("71.40"))).withMessageContaining("sums of its lines");
        assertThatIllegalArgumentException().isThrownBy(() -> copy(valid, valid.subtotal(), eur("12.38"),
                eur("71.38"), eur("0"), eur("71.38"))).withMessageContaining("sums of its lines");
        assertThatIllegalArgumentException().isThrownBy(() -> copy(valid, valid.subtotal(), valid.taxTotal(),
                eur("71.40"), eur("0"), eur("71.40"))).withMessageContaining("subtotal plus its VAT");
    }

    @Test
    void aCreditOrAnAmountDueOutsideTheTotalIsRefused() {
        Invoice valid = draft(line(1, "49.00", "NL"));

        assertThatIllegalArgumentException().isThrownBy(() -> copy(valid, valid.subtotal(), valid.taxTotal(),
                valid.total(), eur("59.30"), eur("0"))).withMessageContaining("credit applied");
        assertThatIllegalArgumentException().isThrownBy(() -> copy(valid, valid.subtotal(), valid.taxTotal(),
                valid.total(), eur("-0.01"), eur("59.29"))).withMessageContaining("credit applied");
        assertThatIllegalArgumentException().isThrownBy(() -> copy(valid, valid.subtotal(), valid.taxTotal(),
                valid.total(), eur("10.00"), eur("49.30"))).withMessageContaining("amount due");
        assertThatIllegalArgumentException().isThrownBy(() -> copy(valid, valid.subtotal(), valid.taxTotal(),
                valid.total(), eur("0"), eur("-0.01"))).withMessageContaining("amount due");
        assertThat(copy(valid, valid.subtotal(), valid.taxTotal(), valid.total(), eur("10.00"), eur("49.29"))
                .amountDue()).isEqualTo(eur("49.29"));
    }

    @Test
    void aNegativeTotalIsRefusedForANetCreditIsACreditNote() {
        InvoiceLine charge = line(1, "10.00", "NL");
        TaxLine back = VAT.taxFor(eur("-20.00"), CountryCode.of("NL"), java.util.Optional.empty());
        InvoiceLine credit = new InvoiceLine(charge.productCode(), "Unused time", charge.subscriptionId(),
                charge.planId(), START, END, 1, eur("20.00"), eur("-20.00"), back, InvoiceLine.Kind.UNUSED_TIME);

        assertThatIllegalArgumentException().isThrownBy(() -> draft(charge, credit))
                .withMessageContaining("credit note");
    }

    @Test
    void onlyALineCreditingUnusedTimeIsBelowZeroAndItIsNeverAboveZero() {
        InvoiceLine charge = line(1, "10.00", "NL");
        TaxLine back = VAT.taxFor(eur("-20.00"), CountryCode.of("NL"), java.util.Optional.empty());

        assertThatIllegalArgumentException().isThrownBy(() -> new InvoiceLine(charge.productCode(), "Period",
                charge.subscriptionId(), charge.planId(), START, END, 1, eur("20.00"), eur("-20.00"), back));
        assertThatIllegalArgumentException().isThrownBy(() -> new InvoiceLine(charge.productCode(), "Remaining",
                charge.subscriptionId(), charge.planId(), START, END, 1, eur("20.00"), eur("-20.00"), back,
                InvoiceLine.Kind.REMAINING_TIME));
        assertThatIllegalArgumentException().isThrownBy(() -> new InvoiceLine(charge.productCode(), "Unused",
                charge.subscriptionId(), charge.planId(), START, END, 1, eur("10.00"), eur("10.00"), charge.tax(),
                InvoiceLine.Kind.UNUSED_TIME));
        assertThat(new InvoiceLine(charge.productCode(), "Unused", charge.subscriptionId(), charge.planId(), START,
                END, 1, eur("20.00"), eur("-20.00"), back, InvoiceLine.Kind.UNUSED_TIME).isCredit()).isTrue();
    }

    @Test
    void aLineRefusesAZeroQuantityAndAmountsInAnotherCurrency() {
        InvoiceLine valid = line(1, "49.00", "NL");

        assertThatIllegalArgumentException().isThrownBy(() -> new InvoiceLine(valid.productCode(),
                valid.description(), valid.subscriptionId(), valid.planId(), START, END, 0, valid.unitPrice(),
                valid.amount(), valid.tax())).withMessageContaining("quantity");
        assertThatIllegalArgumentException().isThrownBy(() -> new InvoiceLine(valid.productCode(),
                valid.description(), valid.subscriptionId(), valid.planId(), START, END, 1, valid.unitPrice(),
                Money.of(49, "USD"), valid.tax())).withMessageContaining("one currency");
        assertThatIllegalArgumentException().isThrownBy(() -> draft(valid, new InvoiceLine(valid.productCode(),
                valid.description(), valid.subscriptionId(), valid.planId(), START, END, 1, Money.of(49, "USD"),
                Money.of(49, "USD"), new TaxLine(VatTreatment.OUTSIDE_EU, null, BigDecimal.ZERO, Money.of(0, "USD"),
                        "")))).withMessageContaining("currency");
    }

    @Test
    void aPaidInvoiceWithSomethingDueIsRefused() {
        Invoice paid = draft(line(1, "49.00", "NL")).finalized(new InvoiceNumber("INV-2026", 1), START, END)
                .paid(START);

        assertThatIllegalArgumentException().isThrownBy(() -> new Invoice(paid.id(), paid.companyId(),
                paid.number(), paid.state(), paid.seller(), paid.buyer(), paid.lines(), paid.subtotal(),
                paid.taxTotal(), paid.total(), paid.creditApplied(), eur("1.00"), paid.issuedAt(), paid.dueAt(),
                paid.closedAt(), paid.paymentAttempts(), null, paid.version())).withMessageContaining("nothing due");
    }

    private static Invoice copy(Invoice from, MonetaryAmount subtotal, MonetaryAmount taxTotal, MonetaryAmount total,
            MonetaryAmount creditApplied, MonetaryAmount amountDue) {
        return new Invoice(from.id(), from.companyId(), from.number(), from.state(), from.seller(), from.buyer(),
                from.lines(), subtotal, taxTotal, total, creditApplied, amountDue, from.issuedAt(), from.dueAt(),
                from.closedAt(), from.paymentAttempts(), from.nextPaymentAt(), from.version());
    }
}
