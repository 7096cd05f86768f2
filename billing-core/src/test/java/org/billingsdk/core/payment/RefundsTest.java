package org.billingsdk.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.math.BigDecimal;
import java.util.List;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.PortException;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.PaymentRefundFailed;
import org.billingsdk.core.event.PaymentRefundPending;
import org.billingsdk.core.event.PaymentRefunded;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour;
import org.billingsdk.core.simulation.SimulatedPaymentProvider.RefundBehaviour;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefundsTest {

    private BillingFixture fixture;
    private Company acme;

    @BeforeEach
    void setUp() {
        fixture = BillingFixture.inMemory();
        acme = fixture.root("Acme");
    }

    private InvoiceSummary onlyInvoice() {
        return HistoryEntry.invoices(fixture.billing.invoices().history(actor(acme), acme.id(), Scope.COMPANY_ONLY,
                PageRequest.first(5)).items()).get(0);
    }

    @Test
    void aPaidInvoiceIsRefundedOnceInFullAndStaysPaidWithItsNumber() {
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        InvoiceSummary paid = onlyInvoice();

        Payment refunded = fixture.billing.invoices().refund(paid.id());
        Payment again = fixture.billing.invoices().refund(paid.id());

        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(again).isEqualTo(refunded);
        assertThat(fixture.payments.refundedFor(paid.id()))
                .isEqualByComparingTo(paid.total().getNumber().numberValueExact(BigDecimal.class));
        InvoiceSummary after = onlyInvoice();
        assertThat(after.state()).isEqualTo(InvoiceState.PAID);
        assertThat(after.number()).isEqualTo(paid.number());
        assertThat(after.payments()).singleElement()
                .satisfies(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED));
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).hasSize(1);
        assertThat(fixture.payments.calls().stream().filter(call -> call.startsWith("refund")).distinct().count())
                .isEqualTo(1);
    }

    @Test
    void anUnpaidInvoiceIsNotRefunded() {
        fixture.payments.thenCharges(Behaviour.DECLINE);
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());

        assertThatThrownBy(() -> fixture.billing.invoices().refund(onlyInvoice().id()))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.refusal().code()).isEqualTo(RefusalCode.INVOICE_NOT_PAID));
        assertThat(fixture.payments.calls()).noneMatch(call -> call.startsWith("refund"));
    }

    @Test
    void aRefundUnderWayIsPendingUntilTheProviderReportsItsEndAndRepeatedReportsChangeNothing() {
        fixture.payments.thenRefunds(RefundBehaviour.PENDING);
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        InvoiceSummary paid = onlyInvoice();

        Payment pending = fixture.billing.invoices().refund(paid.id());
        Payment askedAgain = fixture.billing.invoices().refund(paid.id());

        assertThat(pending.status()).isEqualTo(PaymentStatus.REFUND_PENDING);
        assertThat(pending.refundReference()).isNotNull();
        assertThat(askedAgain).isEqualTo(pending);
        assertThat(fixture.events.eventsOf(PaymentRefundPending.class)).singleElement()
                .satisfies(event -> assertThat(event.refundReference()).isEqualTo(pending.refundReference()));
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).isEmpty();

        RefundOutcome settled = fixture.payments.endRefund(pending.refundReference(), true);
        PaymentStatus first = fixture.billing.payments().recordRefundOutcome(pending.idempotencyKey(), settled);
        PaymentStatus repeated = fixture.billing.payments().recordRefundOutcome(pending.idempotencyKey(), settled);
        PaymentStatus late = fixture.billing.payments().recordRefundOutcome(pending.idempotencyKey(),
                new RefundOutcome.Pending(pending.refundReference()));

        assertThat(List.of(first, repeated, late)).containsOnly(PaymentStatus.REFUNDED);
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).singleElement()
                .satisfies(event -> assertThat(event.refundReference()).isEqualTo(pending.refundReference()));
        assertThat(fixture.events.eventsOf(PaymentRefundPending.class)).hasSize(1);
        assertThat(onlyInvoice().payments()).singleElement().satisfies(payment -> {
            assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
            assertThat(payment.refundReference()).isEqualTo(pending.refundReference());
        });
        assertThat(onlyInvoice().state()).isEqualTo(InvoiceState.PAID);
        assertThat(fixture.billing.invoices().refund(paid.id()).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refundCalls()).as("a refund under way or done is not asked for again").hasSize(1);
    }

    @Test
    void aRefundThatFailsAtTheBankIsRecordedAsFailedWithItsReasonAndIsNotAskedForAgain() {
        fixture.payments.thenRefunds(RefundBehaviour.PENDING);
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        InvoiceSummary paid = onlyInvoice();
        Payment pending = fixture.billing.invoices().refund(paid.id());

        RefundOutcome failed = fixture.payments.endRefund(pending.refundReference(), false);
        PaymentStatus recorded = fixture.billing.payments().recordRefundOutcome(pending.idempotencyKey(), failed);
        PaymentStatus afterALateSuccess = fixture.billing.payments().recordRefundOutcome(pending.idempotencyKey(),
                new RefundOutcome.Succeeded(pending.refundReference()));

        assertThat(recorded).isEqualTo(PaymentStatus.REFUND_FAILED);
        assertThat(afterALateSuccess).isEqualTo(PaymentStatus.REFUND_FAILED);
        assertThat(fixture.events.eventsOf(PaymentRefundFailed.class)).singleElement().satisfies(event -> {
            assertThat(event.refundReference()).isEqualTo(pending.refundReference());
            assertThat(event.failureCode()).isEqualTo("refund_failed");
            assertThat(event.amount()).isEqualTo(paid.total());
        });
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).isEmpty();
        assertThat(onlyInvoice().payments()).singleElement().satisfies(payment -> {
            assertThat(payment.status()).isEqualTo(PaymentStatus.REFUND_FAILED);
            assertThat(payment.refundReference()).isEqualTo(pending.refundReference());
        });
        assertThatThrownBy(() -> fixture.billing.invoices().refund(paid.id()))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.refusal().code()).isEqualTo(RefusalCode.REFUND_REFUSED));
        assertThat(refundCalls()).hasSize(1);
        assertThat(fixture.payments.refundedFor(paid.id())).isZero();
    }

    @Test
    void aRefundWhoseAnswerWasLostIsAskedAgainUnderItsKeyAndGivesTheMoneyBackOnce() {
        fixture.payments.thenRefunds(RefundBehaviour.TIMEOUT_AFTER_REFUND);
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        InvoiceSummary paid = onlyInvoice();

        assertThatThrownBy(() -> fixture.billing.invoices().refund(paid.id())).isInstanceOf(PortException.class);
        assertThat(onlyInvoice().payments()).singleElement()
                .satisfies(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED));
        Payment refunded = fixture.billing.invoices().refund(paid.id());

        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(fixture.payments.refundedFor(paid.id()))
                .isEqualByComparingTo(paid.total().getNumber().numberValueExact(BigDecimal.class));
        assertThat(refundCalls()).hasSize(2).allMatch(call -> call.equals(refundCalls().get(0)));
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).hasSize(1);
    }

    @Test
    void aReportOfTheRefundThatArrivesBeforeTheRefundsAnswerIsRecordedAndTheAnswerChangesNothing() {
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        InvoiceSummary paid = onlyInvoice();
        Payment charged = paid.payments().get(0);
        RefundReference early = RefundReference.of("re_webhook_first");

        PaymentStatus reported = fixture.billing.payments().recordRefundOutcome(charged.idempotencyKey(),
                new RefundOutcome.Succeeded(early));
        Payment answered = fixture.billing.invoices().refund(paid.id());

        assertThat(reported).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(answered.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(answered.refundReference()).isEqualTo(early);
        assertThat(refundCalls()).isEmpty();
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).hasSize(1);
    }

    @Test
    void aRefundReportForAKeyNoAttemptWasMadeUnderIsNotFoundAndForAnUnpaidAttemptIsRefused() {
        fixture.payments.thenCharges(Behaviour.DECLINE);
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        Payment declined = onlyInvoice().payments().get(0);
        RefundOutcome report = new RefundOutcome.Succeeded(RefundReference.of("re_x"));

        assertThatThrownBy(() -> fixture.billing.payments().recordRefundOutcome(
                IdempotencyKey.of("invoice-unknown-attempt-1"), report))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.kind()).isEqualTo(EntityKind.PAYMENT));
        assertThatThrownBy(() -> fixture.billing.payments().recordRefundOutcome(declined.idempotencyKey(), report))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.refusal().code()).isEqualTo(RefusalCode.INVOICE_NOT_PAID));
        assertThat(onlyInvoice().payments()).singleElement()
                .satisfies(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED));
        assertThat(fixture.events.eventsOf(PaymentRefunded.class)).isEmpty();
    }

    private List<String> refundCalls() {
        return fixture.payments.calls().stream().filter(call -> call.startsWith("refund")).toList();
    }
}
