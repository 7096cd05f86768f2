package org.billingsdk.core.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.contract.ContractData;
import org.billingsdk.core.credit.Creditable;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.subscription.Periods;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.tax.VatRates;
import org.billingsdk.core.tax.VatRules;
import org.billingsdk.core.testing.BillingFixture;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * What the proration of immediate changes can add up to, for any plans (prices in euros and in
 * yen, monthly or yearly), quantities and change instants in a period, worked out with the model's
 * own rules ({@link Creditable#unusedTime}, {@link Invoice#draftForRest}), each change crediting the
 * line in force and charging the rest: a credit never exceeds what the line it credits charged (net
 * or VAT); what a customer is invoiced over the period with any number of changes is the integral
 * of the price they had over it, within one minor unit per change; and a change and its reverse at
 * the same instant net to zero, within one minor unit per line.
 */
class ProrationProperties {

    private static final int EXAMPLES = 1000;
    private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");
    private static final VatRules VAT = new VatRules(CountryCode.of("NL"), VatRates.euStandardRates());
    private static final Company BUYER = ContractData.aCompany();
    private static final Product PRODUCT = ContractData.aProduct();
    private static final SubscriptionId SUBSCRIPTION = SubscriptionId.random();

    /** A plan and quantity: a price per unit in minor units and a quantity. */
    private record Held(long minor, int quantity) {
    }

    /** A change: the instant, as a share in millionths of the period, and what is held from it. */
    private record Step(int millionths, Held held) {
    }

    private static Gen<Held> held() {
        return integers().between(1, 1_000_000).zip(integers().between(1, 250), Held::new);
    }

    private static Gen<Step> steps() {
        return integers().between(0, 999_999).zip(held(), Step::new);
    }

    private static Plan plan(Held held, String currency, BillingInterval interval, int n) {
        BigDecimal price = BigDecimal.valueOf(held.minor(), currency.equals("JPY") ? 0 : 2);
        return new Plan(PlanId.of("edr-" + n), PRODUCT.code(), Money.of(price, currency), interval, 0, 0, 1, 0);
    }

    /** The period, the changes at their instants (ascending, within it), and the invoices they issue. */
    private record Walk(Instant end, List<Instant> at, List<Plan> plans, List<Integer> quantities,
            List<Invoice> invoices, List<InvoiceLine> credits, List<InvoiceLine> credited) {
    }

    private static Walk walk(Held first, List<Step> changes, String currency, BillingInterval interval) {
        Instant end = Periods.plusMonths(START, interval.months());
        long seconds = Duration.between(START, end).getSeconds();
        List<Instant> at = new ArrayList<>();
        List<Plan> plans = new ArrayList<>(List.of(plan(first, currency, interval, 0)));
        List<Integer> quantities = new ArrayList<>(List.of(first.quantity()));
        List<Invoice> invoices = new ArrayList<>();
        List<InvoiceLine> credits = new ArrayList<>();
        List<InvoiceLine> credited = new ArrayList<>();
        invoices.add(issue(Invoice.draft(BUYER, BillingFixture.SELLER, VAT, SUBSCRIPTION, plans.get(0),
                first.quantity(), PRODUCT, START, end), 1, START));
        Invoice inForce = invoices.get(0);
        int line = 0;
        List<Step> sorted = changes.stream().sorted((a, b) -> Integer.compare(a.millionths(), b.millionths()))
                .toList();
        for (Step step : sorted) {
            Instant t = START.plusSeconds(seconds * step.millionths() / 1_000_000);
            Plan plan = plan(step.held(), currency, interval, plans.size());
            Invoice charge = Invoice.draftForRest(BUYER, BillingFixture.SELLER, VAT, SUBSCRIPTION, plan,
                    step.held().quantity(), PRODUCT, START, end, t, "Remaining time");
            Creditable creditable = Creditable.of(inForce, List.of());
            InvoiceLine before = inForce.lines().get(line);
            Invoice draft = charge;
            var unused = creditable.unusedTime(line, t, "Unused time");
            if (unused.isPresent()) {
                credits.add(unused.get());
                credited.add(before);
                // a net credit is a credit note on the invoice in force instead, and the rest an invoice of its own
                if (!charge.total().add(unused.get().gross()).isNegative()) {
                    draft = charge.withLinesFirst(List.of(unused.get()));
                }
            }
            Invoice issued = issue(draft, invoices.size() + 1, t);
            invoices.add(issued);
            inForce = issued;
            line = issued.lines().size() - 1;
            at.add(t);
            plans.add(plan);
            quantities.add(step.held().quantity());
        }
        return new Walk(end, at, plans, quantities, invoices, credits, credited);
    }

    private static Invoice issue(Invoice draft, int sequence, Instant at) {
        return draft.finalized(new InvoiceNumber("INV-2026", sequence), at, at);
    }

    @Test
    void aCreditNeverExceedsWhatTheLineItCreditsCharged() {
        qt().withExamples(EXAMPLES).forAll(held(), lists().of(steps()).ofSizeBetween(1, 6), integers().between(0, 3))
                .checkAssert((first, changes, kind) -> {
                    Walk walk = walk(first, changes, kind % 2 == 0 ? "EUR" : "JPY",
                            kind < 2 ? BillingInterval.MONTHLY : BillingInterval.YEARLY);
                    for (int i = 0; i < walk.credits().size(); i++) {
                        InvoiceLine credit = walk.credits().get(i);
                        InvoiceLine charged = walk.credited().get(i);
                        assertThat(credit.amount().negate().isLessThanOrEqualTo(charged.amount()))
                                .as("%s credited of %s", credit.amount(), charged.amount()).isTrue();
                        assertThat(credit.tax().amount().negate().isLessThanOrEqualTo(charged.tax().amount()))
                                .as("%s VAT credited of %s", credit.tax().amount(), charged.tax().amount()).isTrue();
                        assertThat(credit.tax().ratePercent()).isEqualByComparingTo(charged.tax().ratePercent());
                    }
                });
    }

    @Test
    void whatIsInvoicedOverAPeriodIsTheIntegralOfThePriceHeldWithinOneMinorUnitPerChange() {
        qt().withExamples(EXAMPLES).forAll(held(), lists().of(steps()).ofSizeBetween(0, 8), integers().between(0, 3))
                .checkAssert((first, changes, kind) -> {
                    String currency = kind % 2 == 0 ? "EUR" : "JPY";
                    Walk walk = walk(first, changes, currency,
                            kind < 2 ? BillingInterval.MONTHLY : BillingInterval.YEARLY);
                    BigDecimal invoiced = BigDecimal.ZERO;
                    for (Invoice invoice : walk.invoices()) {
                        invoiced = invoiced.add(exact(invoice.subtotal()));
                    }
                    // the credits a net credit leaves off its invoice go to a credit note instead
                    for (int i = 0; i < walk.credits().size(); i++) {
                        InvoiceLine credit = walk.credits().get(i);
                        boolean onAnInvoice = walk.invoices().stream().anyMatch(invoice -> invoice.lines()
                                .contains(credit));
                        if (!onAnInvoice) {
                            invoiced = invoiced.add(exact(credit.amount()));
                        }
                    }
                    BigDecimal integral = integral(walk);
                    BigDecimal minor = BigDecimal.ONE.movePointLeft(currency.equals("JPY") ? 0 : 2);
                    BigDecimal bound = minor.multiply(BigDecimal.valueOf(walk.at().size()));
                    assertThat(invoiced.subtract(integral).abs()).as("invoiced %s, integral %s, %s changes",
                            invoiced, integral, walk.at().size()).isLessThanOrEqualTo(bound);
                });
    }

    /** The price held over each part of the period times its share of the period's seconds, exactly. */
    private static BigDecimal integral(Walk walk) {
        BigDecimal total = BigDecimal.ZERO;
        long seconds = Duration.between(START, walk.end()).getSeconds();
        for (int i = 0; i < walk.plans().size(); i++) {
            Instant from = i == 0 ? START : walk.at().get(i - 1);
            Instant to = i < walk.at().size() ? walk.at().get(i) : walk.end();
            BigDecimal amount = exact(walk.plans().get(i).priceOf(walk.quantities().get(i)));
            total = total.add(amount.multiply(BigDecimal.valueOf(Duration.between(from, to).getSeconds()))
                    .divide(BigDecimal.valueOf(seconds), MathContext.DECIMAL128));
        }
        return total;
    }

    @Test
    void aChangeAndItsReverseAtTheSameInstantNetToZeroWithinOneMinorUnitPerLine() {
        qt().withExamples(EXAMPLES).forAll(held(), held(), integers().between(0, 999_999), integers().between(0, 3))
                .checkAssert((a, b, millionths, kind) -> {
                    String currency = kind % 2 == 0 ? "EUR" : "JPY";
                    Walk walk = walk(a, List.of(new Step(millionths, b), new Step(millionths, a)), currency,
                            kind < 2 ? BillingInterval.MONTHLY : BillingInterval.YEARLY);
                    BigDecimal net = BigDecimal.ZERO;
                    BigDecimal gross = BigDecimal.ZERO;
                    int lines = 0;
                    for (Invoice invoice : walk.invoices().subList(1, walk.invoices().size())) {
                        for (InvoiceLine line : invoice.lines()) {
                            net = net.add(exact(line.amount()));
                            gross = gross.add(exact(line.gross()));
                            lines++;
                        }
                    }
                    for (InvoiceLine credit : walk.credits()) {
                        if (walk.invoices().stream().noneMatch(invoice -> invoice.lines().contains(credit))) {
                            net = net.add(exact(credit.amount()));
                            gross = gross.add(exact(credit.gross()));
                            lines++;
                        }
                    }
                    BigDecimal minor = BigDecimal.ONE.movePointLeft(currency.equals("JPY") ? 0 : 2);
                    BigDecimal bound = minor.multiply(BigDecimal.valueOf(lines));
                    assertThat(net.abs()).as("net of the change and its reverse").isLessThanOrEqualTo(bound);
                    assertThat(gross.abs()).as("gross of the change and its reverse").isLessThanOrEqualTo(bound);
                });
    }

    private static BigDecimal exact(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }
}
