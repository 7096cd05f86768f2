package org.billingsdk.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.util.List;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.InvoicePaid;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outcomes the payment provider reports later, as a webhook hands them to {@code Billing.payments()}. */
class ProviderReportedOutcomesTest {

    private BillingFixture fixture;
    private Company acme;

    @BeforeEach
    void setUp() {
        fixture = BillingFixture.inMemory();
        acme = fixture.root("Acme");
    }

    private InvoiceSummary onlyInvoice() {
        List<InvoiceSummary> items = HistoryEntry.invoices(fixture.billing.invoices().history(actor(acme), acme.id(),
                org.billingsdk.core.Scope.COMPANY_ONLY, org.billingsdk.core.PageRequest.first(10)).items());
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @Test
    void aSettlementReportedForAPendingDebitPaysTheInvoiceOnceHoweverOftenItIsDelivered() {
        fixture.payments.thenCharges(Behaviour.PENDING_THEN_SUCCEED);
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        InvoiceSummary pending = onlyInvoice();
        assertThat(pending.state()).isEqualTo(InvoiceState.OPEN);
        Payment attempt = pending.payments().get(0);
        assertThat(attempt.status()).isEqualTo(PaymentStatus.PENDING);

        ChargeOutcome settled = new ChargeOutcome.Succeeded(attempt.providerReference());
        PaymentStatus first = fixture.billing.payments().recordOutcome(attempt.idempotencyKey(), settled);
        PaymentStatus again = fixture.billing.payments().recordOutcome(attempt.idempotencyKey(), settled);

        assertThat(first).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(again).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(onlyInvoice().state()).isEqualTo(InvoiceState.PAID);
        assertThat(fixture.events.eventsOf(InvoicePaid.class)).hasSize(1);
        assertThat(fixture.billing.audit().ofCompany(actor(acme), acme.id(), 5)).map(AuditRecord::who)
                .contains(org.billingsdk.core.audit.AuditRecord.PAYMENT_PROVIDER);
    }

    @Test
    void aReturnedDebitMakesTheSubscriptionPastDueAndALaterReportOfSuccessIsIgnored() {
        fixture.payments.thenCharges(Behaviour.PENDING_THEN_SUCCEED);
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(),
                fixture.monthly.id());
        Payment attempt = onlyInvoice().payments().get(0);

        PaymentStatus returned = fixture.billing.payments().recordOutcome(attempt.idempotencyKey(),
                new ChargeOutcome.Declined(attempt.providerReference(), DeclineCode.of("insufficient_funds"),
                        "Returned by the bank."));
        PaymentStatus late = fixture.billing.payments().recordOutcome(attempt.idempotencyKey(),
                new ChargeOutcome.Succeeded(attempt.providerReference()));

        assertThat(returned).isEqualTo(PaymentStatus.DECLINED);
        assertThat(late).isEqualTo(PaymentStatus.DECLINED);
        assertThat(fixture.storage.subscriptions().findById(subscription.id()).orElseThrow().state())
                .isEqualTo(SubscriptionState.PAST_DUE);
        assertThat(onlyInvoice().state()).isEqualTo(InvoiceState.OPEN);
    }

    @Test
    void anOutcomeForAKeyNoAttemptWasMadeUnderIsNotFound() {
        assertThatThrownBy(() -> fixture.billing.payments().recordOutcome(
                IdempotencyKey.of("invoice-unknown-attempt-1"),
                new ChargeOutcome.Succeeded(ChargeReference.of("pi_x"))))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("payment invoice-unknown-attempt-1 not found");
    }
}
