package org.billingsdk.core.testing;

import java.util.Objects;
import java.util.function.Supplier;
import org.billingsdk.core.port.AuditLog;
import org.billingsdk.core.port.CatalogStore;
import org.billingsdk.core.port.CompanyStore;
import org.billingsdk.core.port.CreditLedger;
import org.billingsdk.core.port.CreditNoteStore;
import org.billingsdk.core.port.CustomerStore;
import org.billingsdk.core.port.EventOutbox;
import org.billingsdk.core.port.InvoiceNumbering;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.PaymentMethodStore;
import org.billingsdk.core.port.PaymentSetupStore;
import org.billingsdk.core.port.PaymentStore;
import org.billingsdk.core.port.RefundStore;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.port.SubscriptionStore;

/** A storage that hands everything to another; tests override what they want to break. */
public class ForwardingStorage implements Storage {

    protected final Storage delegate;

    public ForwardingStorage(Storage delegate) {
        this.delegate = Objects.requireNonNull(delegate);
    }

    @Override
    public CompanyStore companies() {
        return delegate.companies();
    }

    @Override
    public CatalogStore catalog() {
        return delegate.catalog();
    }

    @Override
    public SubscriptionStore subscriptions() {
        return delegate.subscriptions();
    }

    @Override
    public AuditLog audit() {
        return delegate.audit();
    }

    @Override
    public EventOutbox outbox() {
        return delegate.outbox();
    }

    @Override
    public InvoiceStore invoices() {
        return delegate.invoices();
    }

    @Override
    public CreditNoteStore creditNotes() {
        return delegate.creditNotes();
    }

    @Override
    public CreditLedger creditLedger() {
        return delegate.creditLedger();
    }

    @Override
    public RefundStore refunds() {
        return delegate.refunds();
    }

    @Override
    public InvoiceNumbering invoiceNumbers() {
        return delegate.invoiceNumbers();
    }

    @Override
    public PaymentMethodStore paymentMethods() {
        return delegate.paymentMethods();
    }

    @Override
    public PaymentSetupStore paymentSetups() {
        return delegate.paymentSetups();
    }

    @Override
    public CustomerStore customers() {
        return delegate.customers();
    }

    @Override
    public PaymentStore payments() {
        return delegate.payments();
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return delegate.inTransaction(work);
    }
}
