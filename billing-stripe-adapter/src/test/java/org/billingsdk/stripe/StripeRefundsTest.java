package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.stripe.StripePaymentsTest.charge;
import static org.billingsdk.stripe.StripePaymentsTest.eur;
import static org.billingsdk.stripe.StripePaymentsTest.profile;

import java.util.List;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.port.PaymentProvider.RefundRequest;
import org.billingsdk.core.port.PaymentProvider.SetupResult;
import org.billingsdk.core.port.PaymentProvider.SetupStart;
import org.billingsdk.stripe.StripeStub.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeRefundsTest {

    private StripeStub stub;
    private StripePayments payments;

    @BeforeEach
    void start() {
        stub = StripeStub.start();
        payments = TestAdapter.on(stub, new FakeTime(), StripePaymentsTest.CLOCK).build();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aRefundIsCreatedForThePaymentIntentInFullUnderItsOwnIdempotencyKey() {
        String customer = payments.syncCustomer(profile(null), null);
        SetupStart setup = payments.startSetup(customer, SetupKind.CARD, "setup-1");
        String card = stub.confirmSetupWithCard(setup.setupReference(), "visa", "4242", 12, 2030);
        assertThat(payments.completeSetup(customer, setup.setupReference())).isInstanceOf(SetupResult.Completed.class);
        InvoiceId invoice = InvoiceId.random();
        ChargeOutcome charged = payments.charge(charge(invoice, 1, customer, card, eur("59.29")));
        String intent = ((ChargeOutcome.Succeeded) charged).providerReference();

        RefundRequest refund = new RefundRequest(invoice, intent, eur("59.29"), "refund-" + invoice);
        ChargeOutcome refunded = payments.refund(refund);
        ChargeOutcome again = payments.refund(refund);

        assertThat(refunded).isInstanceOfSatisfying(ChargeOutcome.Succeeded.class,
                succeeded -> assertThat(succeeded.providerReference()).startsWith("re_"));
        assertThat(again).isEqualTo(refunded);
        List<Request> calls = stub.requests("POST", "/v1/refunds");
        assertThat(calls).hasSize(2).allSatisfy(call -> {
            assertThat(call.param("payment_intent")).isEqualTo(intent);
            assertThat(call.param("amount")).isEqualTo("5929");
            assertThat(call.param("metadata[billing_invoice_id]")).isEqualTo(invoice.toString());
            assertThat(call.header("Idempotency-Key")).isEqualTo("refund-" + invoice);
            StripePaymentsTest.assertStripeHeaders(call);
        });
        assertThat(Payment.idempotencyKey(invoice, 1)).isNotEqualTo(calls.get(0).header("Idempotency-Key"));
    }

    /** A card charged {@code amount} through the adapter: the PaymentIntent's id. */
    private String charged(InvoiceId invoice, String amount) {
        String customer = payments.syncCustomer(profile(null), null);
        SetupStart setup = payments.startSetup(customer, SetupKind.CARD, "setup-" + invoice);
        String card = stub.confirmSetupWithCard(setup.setupReference(), "visa", "4242", 12, 2030);
        payments.completeSetup(customer, setup.setupReference());
        return ((ChargeOutcome.Succeeded) payments.charge(charge(invoice, 1, customer, card, eur(amount))))
                .providerReference();
    }

    @Test
    void aRefundOfMoreThanIsLeftOfTheChargeIsDeclinedWithStripesCodeAndRefundsNothing() {
        InvoiceId invoice = InvoiceId.random();
        String intent = charged(invoice, "59.29");
        payments.refund(new RefundRequest(invoice, intent, eur("50.00"), "refund-1-" + invoice));

        ChargeOutcome tooMuch = payments.refund(
                new RefundRequest(invoice, intent, eur("10.00"), "refund-2-" + invoice));
        ChargeOutcome rest = payments.refund(
                new RefundRequest(invoice, intent, eur("9.29"), "refund-3-" + invoice));

        assertThat(tooMuch).isInstanceOfSatisfying(ChargeOutcome.Declined.class, declined -> {
            assertThat(declined.code()).isEqualTo("amount_too_large");
            assertThat(declined.providerReference()).isNull();
            assertThat(declined.message()).contains("greater than unrefunded amount");
        });
        assertThat(rest).isInstanceOf(ChargeOutcome.Succeeded.class);
    }

    @Test
    void aRefundOfAChargeRefundedInFullIsDeclinedAsAlreadyRefunded() {
        InvoiceId invoice = InvoiceId.random();
        String intent = charged(invoice, "59.29");
        payments.refund(new RefundRequest(invoice, intent, eur("59.29"), "refund-1-" + invoice));

        ChargeOutcome again = payments.refund(
                new RefundRequest(invoice, intent, eur("0.01"), "refund-2-" + invoice));

        assertThat(again).isInstanceOfSatisfying(ChargeOutcome.Declined.class,
                declined -> assertThat(declined.code()).isEqualTo("charge_already_refunded"));
    }

    @Test
    void aRefundOfAPaymentIntentWithoutASucceededChargeIsDeclinedWithStripesCode() {
        ChargeOutcome outcome = payments.refund(new RefundRequest(InvoiceId.random(), "pi_stubMissing", eur("10.00"),
                "refund-x"));

        assertThat(outcome).isInstanceOfSatisfying(ChargeOutcome.Declined.class,
                declined -> assertThat(declined.code()).isEqualTo("charge_not_refundable"));
    }
}
