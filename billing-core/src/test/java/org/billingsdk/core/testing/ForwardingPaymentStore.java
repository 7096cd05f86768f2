package org.billingsdk.core.testing;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.port.PaymentStore;

/**
 * A payment store that hands everything to another, the batched methods included (so the
 * delegate's own {@code insertAll}, {@code updateAll} and {@code findAllByIdempotencyKey} run,
 * with their atomicity); tests override what they want to break. A test that breaks
 * {@link #insert} or {@link #update} breaks {@link #insertAll} or {@link #updateAll} too, or the
 * batches pass untouched.
 */
public class ForwardingPaymentStore implements PaymentStore {

    protected final PaymentStore delegate;

    public ForwardingPaymentStore(PaymentStore delegate) {
        this.delegate = Objects.requireNonNull(delegate);
    }

    @Override
    public Payment insert(Payment payment) {
        return delegate.insert(payment);
    }

    @Override
    public Payment update(Payment payment) {
        return delegate.update(payment);
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(IdempotencyKey idempotencyKey) {
        return delegate.findByIdempotencyKey(idempotencyKey);
    }

    @Override
    public List<Payment> findByInvoices(Collection<InvoiceId> invoiceIds) {
        return delegate.findByInvoices(invoiceIds);
    }

    @Override
    public List<Payment> findAllByIdempotencyKey(Collection<IdempotencyKey> idempotencyKeys) {
        return delegate.findAllByIdempotencyKey(idempotencyKeys);
    }

    @Override
    public List<Payment> insertAll(List<Payment> payments) {
        return delegate.insertAll(payments);
    }

    @Override
    public List<Payment> updateAll(List<Payment> payments) {
        return delegate.updateAll(payments);
    }
}
