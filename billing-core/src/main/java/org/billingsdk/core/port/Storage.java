package org.billingsdk.core.port;

import java.util.function.Supplier;

/**
 * The storage the SDK keeps its aggregates in: one store per aggregate and a way to make several
 * writes atomic. Implementations must be thread-safe. The SDK ships an in-memory storage
 * ({@code InMemoryStorage}) and a JDBC one; a custom one proves itself by passing the contract
 * suites in billing-core's test jar.
 *
 * <p>Every store reads and writes in the transaction {@link #inTransaction} opened on the calling
 * thread, or, called outside one, in a transaction of its own. A store throws
 * {@link org.billingsdk.core.ConcurrentUpdateException} for a lost race (a stale version, or the
 * database's serialization failure or deadlock), which the SDK answers by running its whole
 * operation again; and {@link org.billingsdk.core.StorageException}, naming the operation and
 * keeping the cause, when the storage itself fails.
 */
public interface Storage {

    /**
     * Companies and their hierarchy.
     *
     * @return the company store, working in this storage's transactions
     */
    CompanyStore companies();

    /**
     * Products and plans.
     *
     * @return the catalog store, working in this storage's transactions
     */
    CatalogStore catalog();

    /**
     * Subscriptions, and the queries of the billing run.
     *
     * @return the subscription store, working in this storage's transactions
     */
    SubscriptionStore subscriptions();

    /**
     * The audit trail.
     *
     * @return the audit log, working in this storage's transactions
     */
    AuditLog audit();

    /**
     * Events waiting for delivery to the host's {@link EventSink}.
     *
     * @return the outbox, working in this storage's transactions
     */
    EventOutbox outbox();

    /**
     * Issued invoices.
     *
     * @return the invoice store, working in this storage's transactions
     */
    InvoiceStore invoices();

    /**
     * The counters of the invoice number series.
     *
     * @return the numbering, whose numbers a rolled-back transaction gives back
     */
    InvoiceNumbering invoiceNumbers();

    /**
     * Credit notes.
     *
     * @return the credit-note store, working in this storage's transactions
     */
    CreditNoteStore creditNotes();

    /**
     * The credit balances' entries.
     *
     * @return the ledger, working in this storage's transactions
     */
    CreditLedger creditLedger();

    /**
     * The refunds credit notes ask for.
     *
     * @return the refund store, working in this storage's transactions
     */
    RefundStore refunds();

    /**
     * Payment methods.
     *
     * @return the payment method store, working in this storage's transactions
     */
    PaymentMethodStore paymentMethods();

    /**
     * Payment-method set-ups under way, and the outcome of completed ones.
     *
     * @return the set-up store, working in this storage's transactions
     */
    PaymentSetupStore paymentSetups();

    /**
     * The companies' customer ids at the payment provider.
     *
     * @return the customer store, working in this storage's transactions
     */
    CustomerStore customers();

    /**
     * Payment attempts.
     *
     * @return the payment store, working in this storage's transactions
     */
    PaymentStore payments();

    /**
     * Runs {@code work} atomically: every write it makes through this storage's stores is kept
     * when it returns, and none when it throws (the exception is rethrown as it was). A call made
     * inside {@code work} joins the same transaction.
     *
     * <p>Reads inside {@code work} see its own writes. Read-committed isolation is enough:
     * versioned updates keep concurrent transactions from losing each other's writes, and the SDK
     * runs the losers again.
     *
     * @param <T> the type of the work's result
     * @param work reads and writes through this storage's stores, on the calling thread
     * @return what {@code work} returned, {@code null} included, once the writes are committed
     * @throws org.billingsdk.core.StorageException if the transaction cannot begin or commit
     * @throws org.billingsdk.core.ConcurrentUpdateException if the commit failed for a concurrent
     *     transaction (a serialization failure); nothing was kept
     */
    <T> T inTransaction(Supplier<T> work);
}
