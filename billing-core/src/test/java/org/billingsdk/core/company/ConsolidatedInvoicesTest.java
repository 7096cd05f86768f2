package org.billingsdk.core.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceSection;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.BillingTerms;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A payer with a billing day gets one consolidated invoice for every period of the subscriptions it
 * pays that starts on the day: a section per company (the payer's own first, then by name), charged
 * once; dunning moves every subscription on it together; credit notes and the credit balance work on
 * it as on any invoice; periods invoiced before a move stay the payer's debt, charged once.
 */
public class ConsolidatedInvoicesTest extends OnEveryStorage {

    private static final Instant FEBRUARY = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");

    private Accounts accounts;
    private Company holding;
    private Company rotterdam;
    private Company amsterdam;
    private Subscription own;
    private Subscription ofRotterdam;
    private Subscription ofAmsterdam;
    private Subscription secondOfAmsterdam;

    @BeforeEach
    void aParentBilledOnTheFirstPayingForTwoChildren() {
        accounts = fixture.billing.accounts();
        holding = fixture.root("Acme Holding");
        rotterdam = fixture.child(holding, "Acme Rotterdam");
        amsterdam = fixture.child(holding, "Acme Amsterdam");
        fixture.addCard(holding, holding);
        accounts.setPayer(actor(holding), rotterdam.id(), holding.id());
        accounts.setPayer(actor(holding), amsterdam.id(), holding.id());
        accounts.setBillingDay(actor(holding), holding.id(), 1);
        own = subscribe(holding, fixture.monthly.id().value(), 1);
        ofRotterdam = subscribe(rotterdam, fixture.monthly.id().value(), 3);
        ofAmsterdam = subscribe(amsterdam, fixture.monthly.id().value(), 2);
        secondOfAmsterdam = subscribe(amsterdam, fixture.yearly.id().value(), 1);
    }

    private Subscription subscribe(Company company, String plan, int quantity) {
        fixture.advance(Duration.ofMinutes(1));
        return fixture.billing.subscriptions().subscribe(actor(company), company.id(),
                PlanId.of(plan), quantity);
    }

    private List<Invoice> invoicesOf(Company company) {
        return fixture.storage.invoices().findByCompanies(List.of(company.id()), null, 100);
    }

    private List<Invoice> startingAt(Instant start) {
        return invoicesOf(holding).stream()
                .filter(invoice -> invoice.lines().stream().anyMatch(line -> line.periodStart().equals(start)))
                .toList();
    }

    private void runAt(Instant at) {
        fixture.clock.set(at);
        fixture.billing.run(at);
    }

    private SubscriptionState stateOf(Subscription subscription) {
        return fixture.storage.subscriptions().findById(subscription.id()).orElseThrow().state();
    }

    @Test
    void theDayBringsOneInvoiceWithASectionPerCompanyChargedOnce() {
        int before = invoicesOf(holding).size();

        runAt(FEBRUARY);

        assertThat(invoicesOf(holding)).hasSize(before + 1);
        assertThat(invoicesOf(rotterdam)).isEmpty();
        assertThat(invoicesOf(amsterdam)).isEmpty();
        Invoice consolidated = startingAt(FEBRUARY).get(0);
        assertThat(consolidated.lines()).extracting(InvoiceLine::subscriptionId).containsExactly(own.id(),
                ofAmsterdam.id(), secondOfAmsterdam.id(), ofRotterdam.id());
        assertThat(consolidated.lines()).allMatch(line -> line.periodStart().equals(FEBRUARY)
                && line.kind() == InvoiceLine.Kind.PERIOD);
        assertThat(consolidated.sections()).extracting(InvoiceSection::companyName, section -> section.lines().size(),
                InvoiceSection::subtotal).containsExactly(
                        tuple("Acme Holding", 1, eur("49.00")),
                        tuple("Acme Amsterdam", 2, eur("588.00")),
                        tuple("Acme Rotterdam", 1, eur("147.00")));
        MonetaryAmount sum = consolidated.sections().stream().map(InvoiceSection::total)
                .reduce(MonetaryAmount::add).orElseThrow();
        assertThat(sum).isEqualTo(consolidated.total());
        assertThat(consolidated.state()).isEqualTo(InvoiceState.PAID);
        assertThat(fixture.storage.payments().findByInvoices(List.of(consolidated.id()))).hasSize(1);
        assertThat(fixture.payments.capturedFor(consolidated.id()))
                .isEqualByComparingTo(consolidated.total().getNumber().numberValue(BigDecimal.class));
        assertThat(fixture.billing.invoices().document(actor(holding), consolidated.id()).text())
                .contains("Acme Amsterdam", "Acme Rotterdam");
    }

    @Test
    void theConsolidatedInvoicesDocumentShowsEachCompanysLinesUnderItsNameWithTheirSubtotal() {
        runAt(FEBRUARY);

        String page = fixture.billing.invoices().document(actor(holding), startingAt(FEBRUARY).get(0).id()).text();

        assertThat(page).containsSubsequence(
                "<th colspan=\"6\">Acme Holding</th>", "49.00", "Subtotal Acme Holding</td><td>EUR 49.00",
                "<th colspan=\"6\">Acme Amsterdam</th>", "Subtotal Acme Amsterdam</td><td>EUR 588.00",
                "<th colspan=\"6\">Acme Rotterdam</th>", "Subtotal Acme Rotterdam</td><td>EUR 147.00",
                "Subtotal</td><td>EUR 784.00");
        assertThat(page).doesNotContain("(for Acme");
    }

    @Test
    void anOperationBringingOneSubscriptionUpToDateBillsThePayersOthersOnTheSameInvoice() {
        fixture.clock.set(FEBRUARY.plusSeconds(3_600));

        fixture.billing.subscriptions().cancel(actor(rotterdam), ofRotterdam.id(), DataErasure.ACKNOWLEDGED);
        fixture.billing.run(FEBRUARY.plusSeconds(3_600));

        assertThat(startingAt(FEBRUARY)).singleElement().satisfies(invoice ->
                assertThat(invoice.lines()).hasSize(4));
    }

    @Test
    void aDeclineMovesEverySubscriptionOnTheInvoiceToPastDueAndThePaymentBringsThemAllBack() {
        fixture.payments.thenCharges(SimulatedPaymentProvider.Behaviour.DECLINE);

        runAt(FEBRUARY);

        Invoice consolidated = startingAt(FEBRUARY).get(0);
        assertThat(consolidated.state()).isEqualTo(InvoiceState.OPEN);
        assertThat(List.of(own, ofRotterdam, ofAmsterdam, secondOfAmsterdam)).extracting(this::stateOf)
                .containsOnly(SubscriptionState.PAST_DUE);

        runAt(FEBRUARY.plus(BillingTerms.defaults().retryDelays().get(0)));

        assertThat(fixture.storage.invoices().findById(consolidated.id()).orElseThrow().state())
                .isEqualTo(InvoiceState.PAID);
        assertThat(List.of(own, ofRotterdam, ofAmsterdam, secondOfAmsterdam)).extracting(this::stateOf)
                .containsOnly(SubscriptionState.ACTIVE);
    }

    @Test
    void aCreditNoteOnASectionGoesToTheBalanceAndTheNextConsolidatedInvoiceUsesIt() {
        runAt(FEBRUARY);
        Invoice february = startingAt(FEBRUARY).get(0);
        int rotterdamLine = february.lines().size() - 1;

        fixture.billing.credits().issue(actor(holding), february.id(), CreditRequest.of(
                CreditReason.REQUESTED_BY_CUSTOMER, CreditDestination.BALANCE,
                CreditRequest.Line.of(rotterdamLine, eur("100.00"))));
        runAt(MARCH);

        Invoice march = startingAt(MARCH).get(0);
        // the yearly plan is not due in March: three monthly lines
        assertThat(march.lines()).hasSize(3);
        assertThat(march.creditApplied())
                .isEqualTo(fixture.storage.creditNotes().findByInvoice(february.id()).get(0).total());
        assertThat(fixture.payments.capturedFor(march.id())).as("charged what the balance left").isEqualByComparingTo(
                march.total().subtract(march.creditApplied()).getNumber().numberValue(BigDecimal.class));
    }

    @Test
    void aChildThatPaysForItselfAfterAnUnpaidConsolidatedInvoiceLeavesTheDebtToThePayerChargedOnce() {
        // Kill Bill #762 on a consolidated invoice: the debt stays where it was invoiced
        fixture.payments.thenCharges(SimulatedPaymentProvider.Behaviour.DECLINE);
        runAt(FEBRUARY);
        Invoice unpaid = startingAt(FEBRUARY).get(0);
        assertThat(unpaid.state()).isEqualTo(InvoiceState.OPEN);

        accounts.setPayer(actor(holding), rotterdam.id(), rotterdam.id());
        fixture.addCard(holding, rotterdam);
        runAt(FEBRUARY.plus(BillingTerms.defaults().retryDelays().get(0)));
        runAt(MARCH);

        Invoice settled = fixture.storage.invoices().findById(unpaid.id()).orElseThrow();
        assertThat(settled.state()).isEqualTo(InvoiceState.PAID);
        assertThat(settled.companyId()).isEqualTo(holding.id());
        assertThat(fixture.storage.payments().findByInvoices(List.of(unpaid.id())))
                .filteredOn(payment -> payment.status() == PaymentStatus.SUCCEEDED).hasSize(1);
        assertThat(fixture.payments.capturedFor(unpaid.id()))
                .isEqualByComparingTo(unpaid.total().getNumber().numberValue(BigDecimal.class));
        assertThat(startingAt(MARCH)).singleElement().satisfies(march -> assertThat(march.lines())
                .extracting(InvoiceLine::subscriptionId).containsExactly(own.id(), ofAmsterdam.id()));
        assertThat(invoicesOf(rotterdam)).singleElement().satisfies(itsOwn -> {
            assertThat(itsOwn.lines()).extracting(InvoiceLine::subscriptionId, InvoiceLine::periodStart)
                    .containsExactly(tuple(ofRotterdam.id(), MARCH));
            assertThat(itsOwn.state()).isEqualTo(InvoiceState.PAID);
        });
        assertThat(stateOf(ofRotterdam)).isEqualTo(SubscriptionState.ACTIVE);
    }
}
