package org.billingsdk.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
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

/**
 * A storage that keeps everything in memory: for tests, examples and quick starts. Thread-safe:
 * transactions run one at a time and are undone whole when they throw; reads outside a
 * transaction see the last committed or in-flight write. Versioned updates refuse a stale
 * aggregate as any storage must. Nothing survives the process.
 */
public final class InMemoryStorage implements Storage {

    private final ReentrantLock transactionLock = new ReentrantLock();
    private final ThreadLocal<List<Runnable>> undoLog = new ThreadLocal<>();

    private final InMemoryCompanyStore companies = new InMemoryCompanyStore(this);
    private final InMemoryCatalogStore catalog = new InMemoryCatalogStore(this);
    private final InMemorySubscriptionStore subscriptions = new InMemorySubscriptionStore(this);
    private final InMemoryAuditLog audit = new InMemoryAuditLog(this);
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(this);
    private final InMemoryInvoiceStore invoices = new InMemoryInvoiceStore(this);
    private final InMemoryInvoiceNumbering invoiceNumbers = new InMemoryInvoiceNumbering(this);
    private final InMemoryCreditNoteStore creditNotes = new InMemoryCreditNoteStore(this);
    private final InMemoryCreditLedger creditLedger = new InMemoryCreditLedger(this);
    private final InMemoryRefundStore refunds = new InMemoryRefundStore(this);
    private final InMemoryPaymentMethodStore paymentMethods = new InMemoryPaymentMethodStore(this);
    private final InMemoryPaymentSetupStore paymentSetups = new InMemoryPaymentSetupStore(this);
    private final InMemoryCustomerStore customers = new InMemoryCustomerStore(this);
    private final InMemoryPaymentStore payments = new InMemoryPaymentStore(this);

    private InMemoryStorage() {
    }

    /** {@return a new, empty storage} */
    public static InMemoryStorage create() {
        return new InMemoryStorage();
    }

    @Override
    public CompanyStore companies() {
        return companies;
    }

    @Override
    public CatalogStore catalog() {
        return catalog;
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public EventOutbox outbox() {
        return outbox;
    }

    @Override
    public InvoiceStore invoices() {
        return invoices;
    }

    @Override
    public InvoiceNumbering invoiceNumbers() {
        return invoiceNumbers;
    }

    @Override
    public CreditNoteStore creditNotes() {
        return creditNotes;
    }

    @Override
    public CreditLedger creditLedger() {
        return creditLedger;
    }

    @Override
    public RefundStore refunds() {
        return refunds;
    }

    @Override
    public PaymentMethodStore paymentMethods() {
        return paymentMethods;
    }

    @Override
    public PaymentSetupStore paymentSetups() {
        return paymentSetups;
    }

    @Override
    public CustomerStore customers() {
        return customers;
    }

    @Override
    public PaymentStore payments() {
        return payments;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (undoLog.get() != null) {
            return work.get();
        }
        transactionLock.lock();
        List<Runnable> undo = new ArrayList<>();
        undoLog.set(undo);
        try {
            T result = work.get();
            undo.clear();
            return result;
        } catch (RuntimeException | Error e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                try {
                    undo.get(i).run();
                } catch (RuntimeException undoFailure) {
                    e.addSuppressed(undoFailure);
                }
            }
            throw e;
        } finally {
            undoLog.remove();
            transactionLock.unlock();
        }
    }

    /**
     * Runs one write: inside a transaction, with its undo action logged; outside one, as a
     * transaction of its own.
     */
    <T> T write(Supplier<T> change, UndoableWrite<T> undo) {
        return inTransaction(() -> {
            T result = change.get();
            undoLog.get().add(() -> undo.undo(result));
            return result;
        });
    }

    /** How to take back one write, given what the write returned. */
    @FunctionalInterface
    interface UndoableWrite<T> {
        void undo(T result);
    }
}
