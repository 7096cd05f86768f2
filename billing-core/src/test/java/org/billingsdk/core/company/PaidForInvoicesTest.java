package org.billingsdk.core.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.change.Change;
import org.billingsdk.core.change.ChangePreview;
import org.billingsdk.core.change.ChangeResult;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.BillingTerms;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.subscription.SubscriptionView;
import org.billingsdk.core.tax.VatTreatment;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A company whose parent pays for it: its periods are invoiced to the parent (the parent's billing
 * details, the VAT the parent's country and VAT number decide, the parent's card), each line naming
 * the company it is for; the child sees who pays but not the parent's invoices; a change of payer
 * takes effect for the periods invoiced after it, and nothing is invoiced twice.
 */
public class PaidForInvoicesTest extends OnEveryStorage {

    private Company holding;
    private Company berlin;

    @BeforeEach
    void aGermanParentPaysForADutchChild() {
        Accounts accounts = fixture.billing.accounts();
        holding = accounts.register(NewCompany.of("Acme Holding", "holding@acme.example")
                .withBillingDetails(BillingDetails.builder()
                        .billingAddress(Address.of("Unter den Linden 5", "10117", "Berlin", "DE"))
                        .vatNumber("DE136695976").billingEmail("ap@acme.example").build()));
        berlin = accounts.registerChild(actor(holding), holding.id(), NewCompany.of("Acme Amsterdam",
                "amsterdam@acme.example").withBillingDetails(BillingDetails.builder()
                        .billingAddress(Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL")).build()));
        card(holding);
        card(berlin);
    }

    private void card(Company company) {
        SetupSession setup = fixture.billing.paymentMethods().startSetup(actor(company), company.id(), SetupKind.CARD);
        fixture.billing.paymentMethods().completeSetup(actor(company), company.id(), setup.id());
    }

    private List<Invoice> invoicesOf(Company company) {
        return fixture.storage.invoices().findByCompanies(List.of(company.id()), null, 100);
    }

    private List<HistoryEntry> history(Company actingFor, Company of, Scope scope) {
        return fixture.billing.invoices().history(actor(actingFor), of.id(), scope, PageRequest.first(50)).items();
    }

    @Test
    void theParentIsInvoicedWithItsVatAndChargedOnItsCardEachLineNamingTheChild() {
        fixture.billing.accounts().setPayer(actor(holding), berlin.id(), holding.id());

        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(berlin), berlin.id(),
                fixture.monthly.id());

        assertThat(invoicesOf(berlin)).isEmpty();
        Invoice invoice = invoicesOf(holding).get(0);
        assertThat(invoice.companyId()).isEqualTo(holding.id());
        assertThat(invoice.buyer().name()).isEqualTo("Acme Holding");
        assertThat(invoice.buyer().vatNumber()).isEqualTo(VatNumber.of("DE136695976"));
        InvoiceLine line = invoice.lines().get(0);
        assertThat(line.subscriptionId()).isEqualTo(subscription.id());
        assertThat(line.companyId()).isEqualTo(berlin.id());
        assertThat(line.companyName()).isEqualTo("Acme Amsterdam");
        assertThat(line.tax().treatment()).as("the German payer's VAT number decides").isEqualTo(
                VatTreatment.REVERSE_CHARGE);
        assertThat(invoice.state()).isEqualTo(InvoiceState.PAID);
        assertThat(fixture.payments.capturedFor(invoice.id())).isEqualByComparingTo(new BigDecimal("49.00"));
        assertThat(fixture.storage.payments().findByInvoices(List.of(invoice.id()))).singleElement()
                .satisfies(payment -> assertThat(payment.paymentMethodReference()).isEqualTo(fixture.storage
                        .paymentMethods().findByCompanies(List.of(holding.id())).get(0).providerReference()));
        assertThat(fixture.billing.invoices().document(actor(holding), invoice.id()).text())
                .contains("Acme Holding", "(for Acme Amsterdam)", "DE136695976");
    }

    @Test
    void aChildMovedOutOfItsPayersSubtreeWithAnUnpaidInvoiceLeavesTheDebtToThePayerChargedOnce() {
        // Kill Bill #762: moving a child whose parent's invoice is unpaid charged it twice.
        Accounts accounts = fixture.billing.accounts();
        Company europe = accounts.registerChild(actor(holding), holding.id(), NewCompany.of("Acme Europe",
                "europe@acme.example"));
        card(europe);
        accounts.move(actor(holding), berlin.id(), europe.id());
        accounts.setPayer(actor(holding), berlin.id(), europe.id());
        fixture.payments.thenCharges(SimulatedPaymentProvider.Behaviour.DECLINE);
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(berlin), berlin.id(),
                fixture.monthly.id());
        Invoice unpaid = invoicesOf(europe).get(0);
        assertThat(unpaid.state()).isEqualTo(InvoiceState.OPEN);
        assertThat(fixture.storage.subscriptions().findById(subscription.id()).orElseThrow().state())
                .isEqualTo(SubscriptionState.PAST_DUE);

        accounts.move(actor(holding), berlin.id(), holding.id());
        assertThat(accounts.find(actor(holding), berlin.id()).payer()).isEqualTo(berlin.id());
        Instant retry = unpaid.issuedAt().plus(BillingTerms.defaults().retryDelays().get(0));
        fixture.clock.set(retry);
        fixture.billing.run(retry);
        Instant next = unpaid.lines().get(0).periodEnd();
        fixture.clock.set(next);
        fixture.billing.run(next);

        Invoice settled = fixture.storage.invoices().findById(unpaid.id()).orElseThrow();
        assertThat(settled.state()).isEqualTo(InvoiceState.PAID);
        assertThat(settled.companyId()).as("the debt stays the former payer's").isEqualTo(europe.id());
        // Europe has no billing details: the domestic rate, its own, not the Dutch child's
        assertThat(fixture.payments.capturedFor(unpaid.id())).isEqualByComparingTo(new BigDecimal("59.29"));
        assertThat(invoicesOf(europe)).hasSize(1);
        assertThat(invoicesOf(berlin)).singleElement().satisfies(own -> {
            assertThat(own.lines().get(0).periodStart()).isEqualTo(next);
            assertThat(own.state()).isEqualTo(InvoiceState.PAID);
        });
        assertThat(fixture.storage.subscriptions().findById(subscription.id()).orElseThrow().state())
                .isEqualTo(SubscriptionState.ACTIVE);
        assertThat(fixture.payments.distinctCharges()).as("the declined attempt, its retry, the child's own")
                .isEqualTo(3);
    }

    @Test
    void theChildSeesWhoPaysButNotTheParentsInvoicesNorTheNextInvoiceMadeOutToIt() {
        fixture.billing.accounts().setPayer(actor(holding), berlin.id(), holding.id());
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(berlin), berlin.id(),
                fixture.monthly.id());

        assertThat(history(berlin, berlin, Scope.COMPANY_ONLY)).isEmpty();
        assertThat(history(holding, holding, Scope.WITH_DESCENDANTS)).hasSize(1);
        assertThat(fixture.billing.invoices().preview(actor(berlin), subscription.id())).isEmpty();
        assertThat(fixture.billing.invoices().preview(actor(holding), subscription.id())).hasValueSatisfying(
                next -> assertThat(next.companyId()).isEqualTo(holding.id()));
        List<SubscriptionView> rows = fixture.billing.subscriptions().active(actor(berlin), berlin.id(),
                Scope.COMPANY_ONLY);
        assertThat(rows).singleElement().satisfies(row -> assertThat(row.billedTo())
                .isEqualTo(new Payer(holding.id(), "Acme Holding", false)));
        assertThat(fixture.billing.subscriptions().active(actor(holding), holding.id(), Scope.WITH_DESCENDANTS))
                .singleElement().satisfies(row -> assertThat(row.billedTo().companyId()).isEqualTo(holding.id()));
    }

    @Test
    void aChangeOfPayerTakesEffectForThePeriodsInvoicedAfterItAndNoPeriodIsInvoicedTwice() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(berlin), berlin.id(),
                fixture.monthly.id());
        Invoice first = invoicesOf(berlin).get(0);
        assertThat(first.lines().get(0).companyId()).isEqualTo(berlin.id());
        assertThat(first.lines().get(0).tax().treatment()).isEqualTo(VatTreatment.DOMESTIC);

        fixture.billing.accounts().setPayer(actor(holding), berlin.id(), holding.id());
        Instant second = first.lines().get(0).periodEnd();
        fixture.clock.set(second);
        fixture.billing.run(second);
        fixture.billing.accounts().setPayer(actor(holding), berlin.id(), berlin.id());
        Instant third = fixture.storage.subscriptions().findById(subscription.id()).orElseThrow().invoicedThrough();
        fixture.clock.set(third);
        fixture.billing.run(third);

        assertThat(invoicesOf(berlin)).extracting(invoice -> invoice.lines().get(0).periodStart())
                .containsExactlyInAnyOrder(first.lines().get(0).periodStart(), third);
        assertThat(invoicesOf(holding)).singleElement().satisfies(invoice -> {
            assertThat(invoice.lines().get(0).periodStart()).isEqualTo(second);
            assertThat(invoice.lines().get(0).companyName()).isEqualTo("Acme Amsterdam");
            assertThat(invoice.state()).isEqualTo(InvoiceState.PAID);
        });
        assertThat(invoicesOf(berlin)).allSatisfy(invoice -> assertThat(invoice.state()).isEqualTo(InvoiceState.PAID));
        assertThat(fixture.payments.distinctCharges()).isEqualTo(3);
    }

    @Test
    void aCreditNoteOnTheParentsInvoiceGoesToTheParentsBalanceWhichTheNextPeriodUsesAndTheChildCannotIssueIt() {
        fixture.billing.accounts().setPayer(actor(holding), berlin.id(), holding.id());
        fixture.billing.subscriptions().subscribe(actor(berlin), berlin.id(), fixture.monthly.id());
        Invoice invoice = invoicesOf(holding).get(0);
        CreditRequest request = CreditRequest.of(CreditReason.PRODUCT_UNSATISFACTORY, CreditDestination.BALANCE,
                CreditRequest.Line.of(0, BillingFixture.eur("10.00")));

        assertThatThrownBy(() -> fixture.billing.credits().issue(actor(berlin), invoice.id(), request))
                .isInstanceOf(NotFoundException.class);
        fixture.billing.credits().issue(actor(holding), invoice.id(), request);

        assertThat(fixture.billing.credits().balances(actor(holding), holding.id()))
                .containsExactly(BillingFixture.eur("10.00"));
        assertThat(fixture.billing.credits().balances(actor(berlin), berlin.id())).allSatisfy(balance ->
                assertThat(balance.isZero()).isTrue());
        Instant next = invoice.lines().get(0).periodEnd();
        fixture.clock.set(next);
        fixture.billing.run(next);
        Invoice renewal = invoicesOf(holding).stream().filter(other -> !other.id().equals(invoice.id())).findFirst()
                .orElseThrow();
        assertThat(renewal.creditApplied()).isEqualTo(BillingFixture.eur("10.00"));
        assertThat(renewal.lines().get(0).companyId()).isEqualTo(berlin.id());
    }

    @Test
    void anUpgradeOfAPaidForSubscriptionCreditsTheParentsInvoiceAndChargesTheRestToTheParent() {
        fixture.billing.accounts().setPayer(actor(holding), berlin.id(), holding.id());
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(berlin), berlin.id(),
                fixture.monthly.id());
        Invoice first = invoicesOf(holding).get(0);
        fixture.clock.set(first.issuedAt().plus(java.time.Duration.ofDays(10)));

        ChangeResult result = fixture.billing.changes().change(actor(holding), subscription.id(),
                Change.toQuantity(3));

        assertThat(result).isInstanceOfSatisfying(ChangeResult.Applied.class, applied -> {
            Invoice change = applied.invoice();
            assertThat(change.companyId()).isEqualTo(holding.id());
            assertThat(change.lines()).extracting(InvoiceLine::kind)
                    .containsExactly(InvoiceLine.Kind.UNUSED_TIME, InvoiceLine.Kind.REMAINING_TIME);
            assertThat(change.lines()).allSatisfy(line -> assertThat(line.companyId()).isEqualTo(berlin.id()));
            assertThat(change.lines().get(0).amount().isNegative()).as("the unused time is credited").isTrue();
        });
        assertThat(invoicesOf(berlin)).isEmpty();
    }

    @Test
    void theChildChangingASubscriptionItsParentPaysForSeesNeitherTheParentsInvoiceNorItsCreditNote() {
        fixture.billing.accounts().setPayer(actor(holding), berlin.id(), holding.id());
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(berlin), berlin.id(),
                fixture.monthly.id());
        Invoice first = invoicesOf(holding).get(0);
        fixture.clock.set(first.issuedAt().plus(java.time.Duration.ofDays(10)));

        ChangePreview preview = fixture.billing.changes().preview(actor(berlin), subscription.id(),
                Change.toQuantity(3));
        ChangeResult result = fixture.billing.changes().change(actor(berlin), subscription.id(),
                Change.toQuantity(3));

        assertThat(preview).isInstanceOfSatisfying(ChangePreview.Immediate.class, immediate -> {
            assertThat(immediate.invoice()).isNull();
            assertThat(immediate.creditNote()).isNull();
        });
        assertThat(result).isInstanceOfSatisfying(ChangeResult.Applied.class, applied -> {
            assertThat(applied.subscription().quantity()).isEqualTo(3);
            assertThat(applied.invoice()).isNull();
            assertThat(applied.creditNote()).isNull();
        });
        assertThat(invoicesOf(holding)).hasSize(2);
        assertThat(fixture.billing.changes().preview(actor(holding), subscription.id(), Change.toQuantity(4)))
                .isInstanceOfSatisfying(ChangePreview.Immediate.class, immediate ->
                        assertThat(immediate.invoice().companyId()).isEqualTo(holding.id()));
    }
}
