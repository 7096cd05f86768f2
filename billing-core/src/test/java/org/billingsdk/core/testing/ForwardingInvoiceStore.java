package org.billingsdk.core.testing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.port.CompanyScope;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * An invoice store that hands everything to another, the batched methods included (so the
 * delegate's own {@code insertAll}, {@code updateAll} and {@code findAllById} run, with their
 * atomicity, not the one-by-one defaults); tests override what they want to break. A test that
 * breaks {@link #insert} or {@link #update} breaks {@link #insertAll} or {@link #updateAll} too,
 * or the batches pass untouched.
 */
public class ForwardingInvoiceStore implements InvoiceStore {

    protected final InvoiceStore delegate;

    public ForwardingInvoiceStore(InvoiceStore delegate) {
        this.delegate = Objects.requireNonNull(delegate);
    }

    @Override
    public Invoice insert(Invoice invoice) {
        return delegate.insert(invoice);
    }

    @Override
    public Invoice update(Invoice invoice) {
        return delegate.update(invoice);
    }

    @Override
    public List<Invoice> insertAll(List<Invoice> invoices) {
        return delegate.insertAll(invoices);
    }

    @Override
    public List<Invoice> updateAll(List<Invoice> invoices) {
        return delegate.updateAll(invoices);
    }

    @Override
    public Optional<Invoice> findById(InvoiceId id) {
        return delegate.findById(id);
    }

    @Override
    public List<Invoice> findAllById(Collection<InvoiceId> ids) {
        return delegate.findAllById(ids);
    }

    @Override
    public List<Invoice> findInScope(CompanyScope scope, Cursor after, int limit) {
        return delegate.findInScope(scope, after, limit);
    }

    @Override
    public List<Invoice> findByCompanies(Collection<CompanyId> companyIds, Cursor after, int limit) {
        return delegate.findByCompanies(companyIds, after, limit);
    }

    @Override
    public Optional<Invoice> findByBilledPeriod(SubscriptionId subscription, Instant periodStart) {
        return delegate.findByBilledPeriod(subscription, periodStart);
    }

    @Override
    public List<Invoice> findBySubscriptionPeriodEnd(SubscriptionId subscription, Instant periodEnd) {
        return delegate.findBySubscriptionPeriodEnd(subscription, periodEnd);
    }

    @Override
    public List<Invoice> findOpenBySubscription(SubscriptionId subscription) {
        return delegate.findOpenBySubscription(subscription);
    }

    @Override
    public List<Invoice> findOpenBySubscriptions(Collection<SubscriptionId> subscriptions) {
        return delegate.findOpenBySubscriptions(subscriptions);
    }

    @Override
    public List<Invoice> findPaymentDue(Instant now, InvoiceId after, int limit) {
        return delegate.findPaymentDue(now, after, limit);
    }
}
