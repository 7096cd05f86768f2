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
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Payment;

/**
 * Keeps payment attempts. Writes are versioned like {@link CompanyStore}'s. Amounts come back with
 * their currency and exact value (not necessarily their scale or {@code MonetaryAmount} class),
 * instants to the microsecond, empty fields as {@code null}. Thread-safe.
 */
public interface PaymentStore {

    /**
     * Stores a new attempt at version 1 and returns it so. Its invoice is stored already. The
     * SDK takes a refusal for a lost race: another node started the same attempt first.
     *
     * @param payment the attempt, usually {@link org.billingsdk.core.payment.PaymentStatus#UNKNOWN}
     *     until the provider answers
     * @return the attempt as stored: the same fields at version 1
     * @throws org.billingsdk.core.DuplicateKeyException if its id or its idempotency key is taken;
     *     the stored attempt is left as it was
     */
    Payment insert(Payment payment);

    /**
     * Replaces the stored attempt whose version is {@code payment.version()} (to record the
     * provider's outcome, or a refund) and returns it with the version incremented.
     *
     * @param payment the changed attempt, at the version it was read at
     * @return the attempt as stored, at {@code payment.version() + 1}
     * @throws org.billingsdk.core.ConcurrentUpdateException if the stored version differs, lower or
     *     higher; the stored attempt is left as it was
     * @throws org.billingsdk.core.NotFoundException if there is no such payment
     */
    Payment update(Payment payment);

    /**
     * Finds the attempt charged under an idempotency key: how outcomes the provider reports later
     * (webhooks, reconciliation) find their attempt.
     *
     * @param idempotencyKey the key, matched exactly, such as
     *     {@code invoice-<invoice id>-attempt-2} ({@link IdempotencyKey#forAttempt(InvoiceId, int)})
     * @return the attempt, or empty when none was made under that key
     */
    Optional<Payment> findByIdempotencyKey(IdempotencyKey idempotencyKey);

    /**
     * The attempts on the given invoices, by invoice, oldest attempt first.
     *
     * @param invoiceIds the invoices; an invoice given twice counts once, and an empty collection
     *     finds nothing
     * @return every attempt on them with every field, each invoice's attempts together and in
     *     ascending {@code attempt} order; the invoices themselves in no particular order
     */
    List<Payment> findByInvoices(Collection<InvoiceId> invoiceIds);

    /**
     * The payments with these idempotency keys, read at once. A database answers with one query;
     * the default reads them one by one.
     *
     * @param idempotencyKeys the keys to read; keys no payment has are skipped
     * @return the payments found, each once (also when its key is given twice), in no particular order
     */
    default List<Payment> findAllByIdempotencyKey(Collection<IdempotencyKey> idempotencyKeys) {
        List<Payment> found = new ArrayList<>(idempotencyKeys.size());
        for (IdempotencyKey key : new LinkedHashSet<>(idempotencyKeys)) {
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
