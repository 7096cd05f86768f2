package org.billingsdk.core.port;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.invoice.InvoiceId;
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
     *     {@code invoice-<invoice id>-attempt-2} ({@link Payment#idempotencyKey(InvoiceId, int)})
     * @return the attempt, or empty when none was made under that key
     */
    Optional<Payment> findByIdempotencyKey(String idempotencyKey);

    /**
     * The attempts on the given invoices, by invoice, oldest attempt first.
     *
     * @param invoiceIds the invoices; an invoice given twice counts once, and an empty collection
     *     finds nothing
     * @return every attempt on them with every field, each invoice's attempts together and in
     *     ascending {@code attempt} order; the invoices themselves in no particular order
     */
    List<Payment> findByInvoices(Collection<InvoiceId> invoiceIds);
}
