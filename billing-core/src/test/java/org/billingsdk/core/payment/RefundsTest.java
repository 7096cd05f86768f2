package org.billingsdk.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.math.BigDecimal;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.PaymentRefunded;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour;
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
        return fixture.billing.invoices().history(actor(acme), acme.id(), Scope.COMPANY_ONLY, PageRequest.first(5))
                .items().get(0);
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
}
