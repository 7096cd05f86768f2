package org.billingsdk.core.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.time.Instant;
import java.util.List;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.CreditNoteIssued;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour;
import org.billingsdk.core.subscription.CancelResult;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.Test;

/**
 * {@link CancellationCredit#PRORATED}: an immediate cancellation credits the unused part of the
 * period already invoiced, by the second, rounded once, at the line's VAT, capped at what the line
 * still holds; nothing under the default policy, in a trial or under a contract (whose cancellations
 * wait for their end). On every storage.
 */
public class CancellationCreditTest extends OnEveryStorage {

    /** Ten days into the period from 15 January to 15 February (31 days): 21 days unused. */
    private static final Instant TEN_DAYS_IN = Instant.parse("2026-01-25T10:00:00Z");

    private BillingFixture prorating() {
        return BillingFixture.builder().storage(newStorage()).cancellationCredit(CancellationCredit.PRORATED).build();
    }

    private static Invoice onlyInvoiceOf(BillingFixture fixture, Company company) {
        return fixture.storage.invoices().findByCompanies(List.of(company.id()), null, 10).get(0);
    }

    private static CancelResult cancelAt(BillingFixture fixture, Company company, Subscription subscription,
            Instant at) {
        fixture.clock.set(at);
        return fixture.billing.subscriptions().cancel(actor(company), subscription.id(), DataErasure.ACKNOWLEDGED);
    }

    @Test
    void cancellingAPaidPeriodAtOnceCreditsItsUnusedSecondsToTheBalance() {
        BillingFixture fixture = prorating();
        Company acme = fixture.root("Acme");
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(),
                fixture.monthly.id());
        Invoice paid = onlyInvoiceOf(fixture, acme);

        assertThat(cancelAt(fixture, acme, subscription, TEN_DAYS_IN)).isInstanceOf(CancelResult.Cancelled.class);

        // 49.00 x 21/31 = 33.1935... -> 33.19; VAT 21 % of it 6.9699 -> 6.97
        assertThat(fixture.billing.credits().ofInvoice(actor(acme), paid.id())).singleElement().satisfies(note -> {
            assertThat(note.reason()).isEqualTo(CreditReason.CANCELLATION);
            assertThat(note.destination()).isEqualTo(CreditDestination.BALANCE);
            assertThat(note.subtotal()).isEqualTo(eur("33.19"));
            assertThat(note.taxTotal()).isEqualTo(eur("6.97"));
        });
        assertThat(fixture.billing.credits().balances(actor(acme), acme.id())).containsExactly(eur("40.16"));
    }

    @Test
    void cancellingAnUnpaidPeriodAtOnceReducesWhatItsInvoiceStillOwes() {
        BillingFixture fixture = prorating();
        fixture.payments.chargesByDefault(Behaviour.DECLINE);
        Company acme = fixture.root("Acme");
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(),
                fixture.monthly.id());
        Invoice open = onlyInvoiceOf(fixture, acme);

        cancelAt(fixture, acme, subscription, TEN_DAYS_IN);

        assertThat(fixture.storage.invoices().findById(open.id()).orElseThrow().amountDue()).isEqualTo(eur("19.13"));
        assertThat(fixture.billing.credits().ofInvoice(actor(acme), open.id())).singleElement()
                .satisfies(note -> assertThat(note.destination()).isEqualTo(CreditDestination.AMOUNT_DUE));
        assertThat(fixture.billing.credits().balances(actor(acme), acme.id())).isEmpty();
    }

    @Test
    void theCreditIsCappedAtWhatTheLineStillHoldsAfterEarlierCreditNotes() {
        BillingFixture fixture = prorating();
        Company acme = fixture.root("Acme");
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(),
                fixture.monthly.id());
        Invoice paid = onlyInvoiceOf(fixture, acme);
        fixture.billing.credits().issue(actor(acme), paid.id(), CreditRequest.of(CreditReason.PRODUCT_UNSATISFACTORY,
                CreditDestination.BALANCE, CreditRequest.Line.of(0, eur("40.00"))));

        cancelAt(fixture, acme, subscription, TEN_DAYS_IN);

        assertThat(fixture.billing.credits().ofInvoice(actor(acme), paid.id())).hasSize(2).last().satisfies(note -> {
            assertThat(note.subtotal()).isEqualTo(eur("9.00"));
            assertThat(note.taxTotal()).as("the VAT left on the line").isEqualTo(eur("1.89"));
        });
        assertThat(fixture.billing.credits().creditable(actor(acme), paid.id()).total().isZero()).isTrue();
        assertThat(fixture.billing.credits().balances(actor(acme), acme.id())).containsExactly(eur("59.29"));
    }

    @Test
    void noCreditUnderTheDefaultPolicyNorForCancellationsThatWaitForATrialsOrContractsEnd() {
        Company acme = fixture.root("Acme");
        Subscription monthly = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        cancelAt(fixture, acme, monthly, TEN_DAYS_IN);
        assertThat(fixture.billing.credits().ofInvoice(actor(acme), onlyInvoiceOf(fixture, acme).id())).isEmpty();

        BillingFixture prorating = prorating();
        Company beta = prorating.root("Beta");
        Subscription contract = prorating.billing.subscriptions().subscribe(actor(beta), beta.id(),
                prorating.contract.id());
        Subscription trial = prorating.billing.subscriptions().subscribe(actor(beta), beta.id(), prorating.trial.id());

        assertThat(cancelAt(prorating, beta, contract, TEN_DAYS_IN)).isInstanceOf(CancelResult.Scheduled.class);
        assertThat(cancelAt(prorating, beta, trial, TEN_DAYS_IN)).isInstanceOf(CancelResult.Scheduled.class);
        assertThat(prorating.billing.credits().balances(actor(beta), beta.id())).isEmpty();
        assertThat(prorating.events.eventsOf(CreditNoteIssued.class)).isEmpty();
    }
}
