package org.billingsdk.core.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.PaymentRefundFailed;
import org.billingsdk.core.event.PaymentRefundPending;
import org.billingsdk.core.event.PaymentRefunded;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour;
import org.billingsdk.core.simulation.SimulatedPaymentProvider.RefundBehaviour;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credit notes that refund to the payment method: partial refunds under the credit note's key,
 * capped at what the payment took and no refund gave back (what the balance settled is never
 * refundable), pending until the provider reports their end, a failed refund's amount on the
 * credit balance once, a lost answer asked again under the same key by the billing run, never a
 * second refund. On every storage.
 */
public class CreditRefundsTest extends OnEveryStorage {

    private Company acme;
    private Credits credits;

    @BeforeEach
    void setUp() {
        acme = fixture.root("Acme");
        credits = fixture.billing.credits();
    }

    private Invoice paidInvoice() {
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        return latestInvoice();
    }

    private Invoice latestInvoice() {
        return fixture.storage.invoices().findByCompanies(List.of(acme.id()), null, 1).get(0);
    }

    private static CreditRequest refundOf(String net) {
        return CreditRequest.of(CreditReason.REQUESTED_BY_CUSTOMER, CreditDestination.REFUND,
                CreditRequest.Line.of(0, eur(net)));
    }

    private static RefusalCode refusalOf(Throwable thrown) {
        assertThat(thrown).isInstanceOf(RefusedException.class);
        return ((RefusedException) thrown).refusal().code();
    }

    @Test
    void aPartialRefundGivesBackTheCreditNotesTotalUnderItsKeyAndThePaymentStaysPaid() {
        Invoice paid = paidInvoice();

        CreditNote note = credits.issue(actor(acme), paid.id(), refundOf("10.00"));

        assertThat(note.destination()).isEqualTo(CreditDestination.REFUND);
        assertThat(credits.refunds(actor(acme), paid.id())).singleElement().satisfies(refund -> {
            assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
            assertThat(refund.amount()).isEqualTo(eur("12.10"));
            assertThat(refund.idempotencyKey()).isEqualTo(Refund.keyOf(note.id()));
            assertThat(refund.reference()).isNotNull();
        });
        assertThat(fixture.payments.refundedFor(paid.id())).isEqualByComparingTo("12.10");
        assertThat(fixture.payments.calls()).contains("refund " + Refund.keyOf(note.id()));
        assertThat(fixture.storage.invoices().findById(paid.id()).orElseThrow().state()).isEqualTo(InvoiceState.PAID);
        assertThat(fixture.storage.payments().findByInvoices(List.of(paid.id()))).singleElement()
                .satisfies(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED));
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).singleElement()
                .satisfies(event -> assertThat(event.amount()).isEqualTo(eur("12.10")));
        assertThat(credits.balances(actor(acme), acme.id())).isEmpty();
    }

    @Test
    void refundsNeverGiveBackMoreThanThePaymentTookAndWhatTheBalanceSettledStaysOnTheBalancesSide() {
        Invoice first = paidInvoice();
        credits.issue(actor(acme), first.id(), CreditRequest.of(CreditReason.ORDER_CHANGE, CreditDestination.BALANCE,
                CreditRequest.Line.of(0, eur("10.00"))));
        Instant renewal = Instant.parse("2026-02-15T10:00:00Z");
        fixture.clock.set(renewal);
        fixture.billing.run(renewal);
        Invoice second = latestInvoice();
        assertThat(second.creditApplied()).isEqualTo(eur("12.10"));

        assertThat(refusalOf(catchThrowable(() -> credits.issue(actor(acme), second.id(),
                CreditRequest.wholeInvoice(second, CreditReason.DUPLICATE, CreditDestination.REFUND)))))
                .isEqualTo(RefusalCode.EXCEEDS_REFUNDABLE);
        credits.issue(actor(acme), second.id(), refundOf("20.00"));
        credits.issue(actor(acme), second.id(), refundOf("19.00"));
        assertThat(refusalOf(catchThrowable(() -> credits.issue(actor(acme), second.id(), refundOf("0.01")))))
                .isEqualTo(RefusalCode.EXCEEDS_REFUNDABLE);

        assertThat(fixture.payments.refundedFor(second.id())).as("20.00 and 19.00 with VAT: all that was charged")
                .isEqualByComparingTo("47.19");
        assertThat(fixture.payments.capturedFor(second.id())).isEqualByComparingTo("47.19");
        CreditNote rest = credits.issue(actor(acme), second.id(), CreditRequest.wholeInvoice(second,
                CreditReason.ORDER_CHANGE, CreditDestination.BALANCE));
        assertThat(rest.total()).as("what is left to credit goes to the balance").isEqualTo(eur("12.10"));
        assertThat(refusalOf(catchThrowable(() -> fixture.billing.invoices().refund(second.id()))))
                .as("no refund of the whole invoice beside partial ones").isEqualTo(RefusalCode.EXCEEDS_REFUNDABLE);
        assertThat(refusalOf(catchThrowable(() -> credits.issue(actor(acme), first.id(), refundOf("49.00")))))
                .as("the first invoice: 10.00 went to the balance").isEqualTo(RefusalCode.EXCEEDS_CREDITABLE);
    }

    @Test
    void aRefundUnderWayIsPendingUntilTheProviderReportsItsEndAndRepeatedReportsChangeNothing() {
        Invoice paid = paidInvoice();
        fixture.payments.thenRefunds(RefundBehaviour.PENDING);
        CreditNote note = credits.issue(actor(acme), paid.id(), refundOf("10.00"));
        Refund pending = credits.refunds(actor(acme), paid.id()).get(0);
        assertThat(pending.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(fixture.events.eventsOf(PaymentRefundPending.class)).hasSize(1);

        RefundOutcome end = fixture.payments.endRefund(pending.reference(), true);
        PaymentStatus after = fixture.billing.payments().recordRefundOutcome(pending.chargeKey(),
                Refund.keyOf(note.id()), end);
        fixture.billing.payments().recordRefundOutcome(pending.chargeKey(), Refund.keyOf(note.id()), end);
        fixture.billing.payments().recordRefundOutcome(pending.chargeKey(), Refund.keyOf(note.id()),
                new RefundOutcome.Pending(pending.reference()));

        assertThat(after).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(credits.refunds(actor(acme), paid.id())).singleElement()
                .satisfies(refund -> assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED));
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).hasSize(1);
        assertThat(fixture.events.eventsOf(PaymentRefundPending.class)).hasSize(1);
    }

    @Test
    void aRefundThatFailsAtTheBankPutsItsAmountOnTheBalanceOnceAndTheInvoiceIsNeverGivenBackTwice() {
        Invoice paid = paidInvoice();
        fixture.payments.thenRefunds(RefundBehaviour.PENDING);
        CreditNote note = credits.issue(actor(acme), paid.id(), refundOf("40.00"));
        Refund pending = credits.refunds(actor(acme), paid.id()).get(0);
        RefundOutcome failed = fixture.payments.endRefund(pending.reference(), false);

        fixture.billing.payments().recordRefundOutcome(pending.chargeKey(), Refund.keyOf(note.id()), failed);
        fixture.billing.payments().recordRefundOutcome(pending.chargeKey(), Refund.keyOf(note.id()), failed);

        assertThat(credits.refunds(actor(acme), paid.id())).singleElement().satisfies(refund -> {
            assertThat(refund.status()).isEqualTo(RefundStatus.FAILED);
            assertThat(refund.failureCode().value()).isEqualTo("refund_failed");
        });
        assertThat(credits.balances(actor(acme), acme.id())).containsExactly(eur("48.40"));
        assertThat(fixture.events.eventsOf(PaymentRefundFailed.class)).hasSize(1);
        assertThat(credits.ledger(actor(acme), acme.id(), eur("0").getCurrency(),
                PageRequest.first(5)).items()).singleElement()
                .satisfies(entry -> assertThat(entry.kind()).isEqualTo(CreditEntry.Kind.REFUND_FAILED));
        // 48.40 is on the balance; the 10.89 left of the invoice may still be refunded, and no more:
        // the customer gets the invoice's 59.29 back once, part as credit and part as money.
        credits.issue(actor(acme), paid.id(), refundOf("9.00"));
        assertThat(fixture.payments.refundedFor(paid.id())).isEqualByComparingTo("10.89");
        assertThat(refusalOf(catchThrowable(() -> credits.issue(actor(acme), paid.id(), refundOf("0.01")))))
                .isEqualTo(RefusalCode.EXCEEDS_CREDITABLE);
        assertThat(credits.balances(actor(acme), acme.id())).containsExactly(eur("48.40"));
    }

    @Test
    void aRefundWhoseAnswerIsLostIsAskedAgainUnderTheSameKeyByTheBillingRunAndMadeOnce() {
        Invoice paid = paidInvoice();
        fixture.payments.thenRefunds(RefundBehaviour.TIMEOUT_AFTER_REFUND);
        CreditNote note = credits.issue(actor(acme), paid.id(), refundOf("10.00"));
        assertThat(credits.refunds(actor(acme), paid.id())).singleElement()
                .satisfies(refund -> assertThat(refund.status()).isEqualTo(RefundStatus.REQUESTED));

        Instant soon = fixture.clock.instant().plus(Duration.ofMinutes(10));
        fixture.clock.set(soon);
        fixture.billing.run(soon);
        assertThat(credits.refunds(actor(acme), paid.id()).get(0).status()).as("not asked again at once")
                .isEqualTo(RefundStatus.REQUESTED);
        Instant later = soon.plus(Duration.ofHours(1));
        fixture.clock.set(later);
        fixture.billing.run(later);

        assertThat(credits.refunds(actor(acme), paid.id())).singleElement()
                .satisfies(refund -> assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED));
        assertThat(fixture.payments.calls().stream().filter(call -> call.startsWith("refund ")).distinct())
                .containsExactly("refund " + Refund.keyOf(note.id()));
        assertThat(fixture.payments.refundedFor(paid.id())).isEqualByComparingTo("12.10");
    }

    @Test
    void anUnpaidInvoiceIsNotRefunded() {
        fixture.payments.chargesByDefault(Behaviour.DECLINE);
        Invoice open = paidInvoice();
        assertThat(open.state()).isEqualTo(InvoiceState.OPEN);

        assertThat(refusalOf(catchThrowable(() -> credits.issue(actor(acme), open.id(), refundOf("1.00")))))
                .isEqualTo(RefusalCode.INVOICE_NOT_PAID);
        assertThat(fixture.payments.calls()).noneMatch(call -> call.startsWith("refund"));
        assertThat(credits.ofInvoice(actor(acme), open.id())).isEmpty();
    }
}
