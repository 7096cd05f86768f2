package org.billingsdk.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.credit.Refund;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.IdempotencyKey;

/**
 * Keeps the refunds credit notes ask for. Writes are versioned like {@link CompanyStore}'s.
 * Amounts come back with their currency and exact value, instants to the microsecond, empty fields
 * as {@code null}. Thread-safe.
 */
public interface RefundStore {

    /**
     * Stores a new refund at version 1 and returns it so.
     *
     * @param refund the refund, usually {@code REQUESTED}
     * @return the refund as stored: the same fields at version 1
     * @throws org.billingsdk.core.DuplicateKeyException if its id or its idempotency key is taken;
     *     nothing is stored
     */
    Refund insert(Refund refund);

    /**
     * Replaces the stored refund whose version is {@code refund.version()} and returns it with the
     * version incremented.
     *
     * @param refund the changed refund, at the version it was read at
     * @return the refund as stored, at {@code refund.version() + 1}
     * @throws org.billingsdk.core.ConcurrentUpdateException if the stored version differs; the
     *     stored refund is left as it was
     * @throws org.billingsdk.core.NotFoundException if there is no such refund
     */
    Refund update(Refund refund);

    /**
     * Finds the refund made under an idempotency key: how outcomes the provider reports later
     * (webhooks) find their refund.
     *
     * @param idempotencyKey the key, matched exactly
     * @return the refund, or empty when none was made under that key
     */
    Optional<Refund> findByIdempotencyKey(IdempotencyKey idempotencyKey);

    /**
     * The refunds of one invoice, oldest first (by creation time, then id).
     *
     * @param invoiceId the invoice
     * @return its refunds, whatever their status; an empty list when it has none
     */
    List<Refund> findByInvoice(InvoiceId invoiceId);

    /**
     * Up to {@code limit} refunds still {@code REQUESTED} whose status last changed before
     * {@code before}: those whose answer was lost, which the billing run asks for again under their
     * keys. Oldest change first.
     *
     * @param before only refunds updated before this instant
     * @param limit the most refunds to answer
     * @return the refunds; fewer than {@code limit} when there are no more
     */
    List<Refund> findRequested(Instant before, int limit);
}
