package org.billingsdk.examples.reliability;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.testing.ForwardingInvoiceStore;
import org.billingsdk.core.testing.ForwardingStorage;
import org.billingsdk.jdbc.TestDatabases;

/**
 * Kills nodes' transactions in their middle: while armed, every {@code n}th invoice written by a
 * node (issued, or updated by a payment attempt or its outcome) has a side thread ask PostgreSQL to
 * terminate every connection of that node that is inside a transaction
 * ({@code pg_terminate_backend}) before the write goes on, on the connection that was just killed
 * among others. Thread-safe.
 */
final class TransactionKiller implements AutoCloseable {

    private final ExecutorService side = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "transaction-killer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger killed = new AtomicInteger();
    private volatile int every;

    /** Kills at every {@code n}th invoice write from now on; 0 disarms. */
    void killEvery(int n) {
        this.every = n;
    }

    /** How many connections were terminated. */
    int killed() {
        return killed.get();
    }

    /** The node's storage, whose connections carry {@code applicationName}, with the trigger in its invoice writes. */
    Storage around(Storage storage, String applicationName) {
        InvoiceStore invoices = new ForwardingInvoiceStore(storage.invoices()) {
            @Override
            public Invoice insert(Invoice invoice) {
                maybeKill(applicationName);
                return super.insert(invoice);
            }

            @Override
            public Invoice update(Invoice invoice) {
                maybeKill(applicationName);
                return super.update(invoice);
            }
        };
        return new ForwardingStorage(storage) {
            @Override
            public InvoiceStore invoices() {
                return invoices;
            }
        };
    }

    private void maybeKill(String applicationName) {
        int n = every;
        if (n == 0 || writes.incrementAndGet() % n != 0) {
            return;
        }
        try {
            killed.addAndGet(side.submit(() -> TestDatabases.terminateTransactions(applicationName))
                    .get(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the side thread could not kill " + applicationName + "'s transactions", e);
        }
    }

    @Override
    public void close() {
        side.shutdownNow();
    }
}
