package org.billingsdk.core.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour;
import org.billingsdk.core.testing.BillingFixture;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * The credit balance through the whole SDK, for any sequence of credit notes (to the balance and
 * against amounts due, refunds, parts and remainders, more than is left), billing runs month after
 * month, and charges that succeed or fail: after every step the balance is never negative and is the sum
 * of its entries, which run 1..n; what the entries applied is exactly what the invoices show as
 * credit applied; no invoice is credited beyond its total nor refunded beyond what it was paid, owes more than its total less its credit
 * applied, or is paid with something still due.
 */
class CreditBalanceProperties {

    private static final int EXAMPLES = 60;

    @Test
    void theBalanceIsTheSumOfItsEntriesNeverNegativeAndAppliedExactlyAsTheInvoicesShow() {
        qt().withExamples(EXAMPLES).forAll(lists().of(integers().between(0, 59)).ofSizeBetween(1, 25))
                .checkAssert(steps -> {
                    BillingFixture fixture = BillingFixture.inMemory();
                    Company acme = fixture.root("Acme");
                    fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
                    fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.yearly.id());
                    Instant now = fixture.clock.instant();
                    for (int step : steps) {
                        List<Invoice> invoices = fixture.storage.invoices().findByCompanies(List.of(acme.id()), null,
                                1_000);
                        Invoice target = invoices.get(step % invoices.size());
                        switch (step % 7) {
                            case 0, 1 -> credit(fixture, acme, target, step, false);
                            case 6 -> refund(fixture, acme, target, step);
                            case 2 -> credit(fixture, acme, target, step, true);
                            case 3 -> {
                                now = now.plusSeconds(86_400L * (1 + step % 31));
                                fixture.clock.set(now);
                                fixture.billing.run(now);
                            }
                            case 4 -> fixture.payments.chargesByDefault(step % 2 == 0 ? Behaviour.DECLINE
                                    : Behaviour.SUCCEED);
                            default -> fixture.payments.chargesByDefault(Behaviour.SUCCEED);
                        }
                        assertInvariants(fixture, acme);
                    }
                });
    }

    private static void credit(BillingFixture fixture, Company acme, Invoice target, int step, boolean whole) {
        CreditDestination destination = target.state() == InvoiceState.PAID ? CreditDestination.BALANCE
                : CreditDestination.AMOUNT_DUE;
        CreditRequest request = whole
                ? CreditRequest.wholeInvoice(target, CreditReason.ORDER_CHANGE, destination)
                : CreditRequest.of(CreditReason.PRODUCT_UNSATISFACTORY, destination,
                        CreditRequest.Line.of(0, Money.of(BigDecimal.valueOf(1 + step * 37L, 2), "EUR")));
        try {
            fixture.billing.credits().issue(actor(acme), target.id(), request);
        } catch (RefusedException refused) {
            // more than is left, or a destination the invoice's state does not take: nothing changed
        }
    }

    private static void refund(BillingFixture fixture, Company acme, Invoice target, int step) {
        try {
            fixture.billing.credits().issue(actor(acme), target.id(), CreditRequest.of(CreditReason.ORDER_CHANGE,
                    CreditDestination.REFUND, CreditRequest.Line.of(0, Money.of(BigDecimal.valueOf(1 + step * 53L, 2),
                            "EUR"))));
        } catch (RefusedException refused) {
            // not paid, more than is left to credit or to refund: nothing changed
        }
    }

    private static void assertInvariants(BillingFixture fixture, Company acme) {
        List<CreditEntry> entries = fixture.billing.credits().ledger(actor(acme), acme.id(),
                Monetary.getCurrency("EUR"), PageRequest.first(100)).items();
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal applied = BigDecimal.ZERO;
        for (int i = entries.size() - 1; i >= 0; i--) {
            CreditEntry entry = entries.get(i);
            assertThat(entry.sequence()).isEqualTo(entries.size() - i);
            sum = sum.add(exact(entry.amount()));
            assertThat(exact(entry.balance())).isEqualByComparingTo(sum).isNotNegative();
            if (entry.kind() == CreditEntry.Kind.APPLIED) {
                applied = applied.subtract(exact(entry.amount()));
            }
        }
        List<MonetaryAmount> balances = fixture.billing.credits().balances(actor(acme), acme.id());
        assertThat(balances.stream().map(CreditBalanceProperties::exact).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(sum);
        BigDecimal shownApplied = BigDecimal.ZERO;
        for (Invoice invoice : fixture.storage.invoices().findByCompanies(List.of(acme.id()), null, 1_000)) {
            shownApplied = shownApplied.add(exact(invoice.creditApplied()));
            BigDecimal credited = fixture.billing.credits().ofInvoice(actor(acme), invoice.id()).stream()
                    .map(CreditNote::total).map(CreditBalanceProperties::exact)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(credited).isLessThanOrEqualTo(exact(invoice.total()));
            assertThat(exact(invoice.amountDue())).isNotNegative()
                    .isLessThanOrEqualTo(exact(invoice.total()).subtract(exact(invoice.creditApplied())));
            if (invoice.state() == InvoiceState.PAID) {
                assertThat(invoice.amountDue().isZero()).isTrue();
            }
            BigDecimal refunded = fixture.billing.credits().refunds(actor(acme), invoice.id()).stream()
                    .map(refund -> exact(refund.amount())).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal captured = fixture.payments.capturedFor(invoice.id());
            assertThat(refunded).as("refunds asked of invoice %s", invoice.number()).isLessThanOrEqualTo(captured);
            assertThat(fixture.payments.refundedFor(invoice.id())).isLessThanOrEqualTo(captured);
            assertThat(refunded.add(exact(invoice.creditApplied()))).as("refunded and settled by the balance")
                    .isLessThanOrEqualTo(exact(invoice.total()));
        }
        assertThat(shownApplied).as("applied by the ledger = credit applied on the invoices")
                .isEqualByComparingTo(applied);
    }

    private static BigDecimal exact(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }
}
