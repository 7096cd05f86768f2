package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Duration;
import java.util.List;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.port.PaymentStore;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.ForwardingPaymentStore;
import org.billingsdk.core.testing.ForwardingStorage;
import org.junit.jupiter.api.Test;

/**
 * Subscribing stores the subscription and its first invoice, then charges that invoice. When the
 * charge cannot even be recorded (the storage fails), the subscription still exists: the caller
 * gets it, not an exception that would make it subscribe a second time, and the billing run
 * charges the invoice once the storage is back.
 */
class FirstChargeFailureTest {

    /** A storage whose payment records fail to be written while {@link #failing} is set. */
    private static final class FailingPayments extends ForwardingStorage {
        volatile boolean failing;

        FailingPayments() {
            super(InMemoryStorage.create());
        }

        @Override
        public PaymentStore payments() {
            return new ForwardingPaymentStore(delegate.payments()) {
                @Override
                public Payment insert(Payment payment) {
                    failIfFailing();
                    return delegate.insert(payment);
                }

                @Override
                public List<Payment> insertAll(List<Payment> payments) {
                    failIfFailing();
                    return delegate.insertAll(payments);
                }
            };
        }

        private void failIfFailing() {
            if (failing) {
                throw new StorageException("payments.insert", "the database went away", null);
            }
        }
    }

    @Test
    void aSubscriptionWhoseFirstChargeCouldNotBeRecordedIsReturnedAndTheBillingRunChargesItOnce() {
        FailingPayments storage = new FailingPayments();
        BillingFixture fixture = BillingFixture.builder().storage(storage).build();
        Company acme = fixture.root("Acme");

        storage.failing = true;
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(),
                fixture.monthly.id());

        assertThat(subscription.state()).isEqualTo(SubscriptionState.ACTIVE);
        InvoiceSummary first = onlyInvoice(fixture, acme);
        assertThat(first.state()).isEqualTo(InvoiceState.OPEN);
        assertThat(first.payments()).isEmpty();
        assertThat(fixture.payments.distinctCharges()).isZero();

        storage.failing = false;
        fixture.advance(Duration.ofMinutes(5));
        fixture.billing.run(fixture.clock.instant());

        InvoiceSummary charged = onlyInvoice(fixture, acme);
        assertThat(charged.state()).isEqualTo(InvoiceState.PAID);
        assertThat(charged.payments()).hasSize(1);
        assertThat(fixture.payments.distinctCharges()).isEqualTo(1);
    }

    private static InvoiceSummary onlyInvoice(BillingFixture fixture, Company company) {
        List<InvoiceSummary> invoices = HistoryEntry.invoices(fixture.billing.invoices()
                .history(actor(company), company.id(), Scope.COMPANY_ONLY, PageRequest.first(10)).items());
        assertThat(invoices).hasSize(1);
        return invoices.get(0);
    }
}
