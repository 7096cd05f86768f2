package org.billingsdk.core.port;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.Payment;

/** Keeps payment attempts. Writes are versioned like {@link CompanyStore}'s. Thread-safe. */
public interface PaymentStore {

    /**
     * @throws org.billingsdk.core.DuplicateKeyException if its id or its idempotency key is taken
     */
    Payment insert(Payment payment);

    /**
     * @throws org.billingsdk.core.ConcurrentUpdateException if the stored version differs
     * @throws org.billingsdk.core.NotFoundException if there is no such payment
     */
    Payment update(Payment payment);

    Optional<Payment> findByIdempotencyKey(String idempotencyKey);

    /** The attempts on the given invoices, by invoice, oldest attempt first. */
    List<Payment> findByInvoices(Collection<InvoiceId> invoiceIds);

    /**
     * The payments with these idempotency keys, read at once. A database answers with one query;
     * the default reads them one by one.
     *
     * @param idempotencyKeys the keys to read; keys no payment has are skipped
     * @return the payments found, each once (also when its key is given twice), in no particular order
     */
    default List<Payment> findAllByIdempotencyKey(Collection<String> idempotencyKeys) {
        List<Payment> found = new ArrayList<>(idempotencyKeys.size());
        for (String key : new LinkedHashSet<>(idempotencyKeys)) {
            findByIdempotencyKey(key).ifPresent(found::add);
        }
        return found;
    }

    /**
     * Inserts several payment attempts, each as {@link #insert} does, inside the caller's
     * transaction. A database sends them as one batch; the default inserts them one by one.
     *
     * @param payments attempts with distinct ids and idempotency keys
     * @return the payments as stored, in the same order, each at version 1
     * @throws DuplicateKeyException if an id or an idempotency key is taken already; some of the
     *     others may have been written, so the caller's transaction must roll back (the SDK's always
     *     does)
     */
    default List<Payment> insertAll(List<Payment> payments) {
        List<Payment> stored = new ArrayList<>(payments.size());
        for (Payment payment : payments) {
            stored.add(insert(payment));
        }
        return stored;
    }

    /**
     * Updates several payments, each as {@link #update} does, inside the caller's transaction. A
     * database sends them as one batch; the default updates them one by one.
     *
     * @param payments the new states, each carrying the version it was read at
     * @return the payments as stored, in the same order, each with its version incremented
     * @throws ConcurrentUpdateException if one was changed since it was read; the others may have been
     *     written, so the caller's transaction must roll back (the SDK's always does)
     * @throws NotFoundException if one does not exist, under the same condition
     */
    default List<Payment> updateAll(List<Payment> payments) {
        List<Payment> stored = new ArrayList<>(payments.size());
        for (Payment payment : payments) {
            stored.add(update(payment));
        }
        return stored;
    }
}
