package org.billingsdk.core.port;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * Keeps invoices. Writes are versioned like {@link CompanyStore}'s; a finalized invoice's content
 * never changes, only its state and payment bookkeeping. Thread-safe.
 */
public interface InvoiceStore {

    /**
     * Stores a new, finalized invoice at version 1 and returns it so (drafts are never stored).
     *
     * @throws org.billingsdk.core.DuplicateKeyException if its id or its number is taken, or if an
     *     invoice already bills one of its lines' subscription for the same period start: no
     *     number is ever given twice and no period ever billed twice
     */
    Invoice insert(Invoice invoice);

    /**
     * Replaces the stored invoice whose version is {@code invoice.version()}.
     *
     * @throws org.billingsdk.core.ConcurrentUpdateException if the stored version differs
     * @throws org.billingsdk.core.NotFoundException if there is no such invoice
     */
    Invoice update(Invoice invoice);

    Optional<Invoice> findById(InvoiceId id);

    /**
     * A page of the given companies' invoices, newest first (by issue time, then id descending),
     * starting after {@code after} (the last invoice of the previous page), or from the newest
     * when {@code null}.
     */
    List<Invoice> findByCompanies(Collection<CompanyId> companyIds, Cursor after, int limit);

    /** The open invoices with a line for {@code subscription}, in no particular order. */
    List<Invoice> findOpenBySubscription(SubscriptionId subscription);

    /** Whether an invoice already bills {@code subscription} for the period starting at {@code periodStart}. */
    boolean existsForPeriod(SubscriptionId subscription, Instant periodStart);

    /**
     * Up to {@code limit} open invoices whose next payment attempt is due at or before
     * {@code now}, with ids greater than {@code after} (or from the first when {@code null}),
     * ordered by id.
     */
    List<Invoice> findPaymentDue(Instant now, InvoiceId after, int limit);

    /** The billing history's position: the issue time and id of the last invoice seen. */
    record Cursor(Instant issuedAt, InvoiceId id) {
    }

    /**
     * The invoices with these ids, with their lines, read at once. A database answers with one
     * query per table; the default reads them one by one.
     *
     * @param ids the ids to read; ids of invoices that do not exist are skipped
     * @return the invoices found, each once (also when its id is given twice), in no particular order
     */
    default List<Invoice> findAllById(Collection<InvoiceId> ids) {
        List<Invoice> found = new ArrayList<>(ids.size());
        for (InvoiceId id : new LinkedHashSet<>(ids)) {
            findById(id).ifPresent(found::add);
        }
        return found;
    }

    /**
     * Inserts several finalized invoices, each as {@link #insert} does, inside the caller's
     * transaction: the billing run stores a page of invoices this way. A database sends them (and
     * their lines) as batches; the default inserts them one by one.
     *
     * @param invoices finalized invoices with distinct ids, numbers and billed periods
     * @return the invoices as stored, in the same order, each at version 1
     * @throws DuplicateKeyException if an id, a number or a subscription's billing period is taken
     *     already; some of the others may have been written, so the caller's transaction must roll
     *     back (the SDK's always does)
     */
    default List<Invoice> insertAll(List<Invoice> invoices) {
        List<Invoice> stored = new ArrayList<>(invoices.size());
        for (Invoice invoice : invoices) {
            stored.add(insert(invoice));
        }
        return stored;
    }

    /**
     * Updates several invoices, each as {@link #update} does, inside the caller's transaction. A
     * database sends them as one batch; the default updates them one by one.
     *
     * @param invoices the new states, each carrying the version it was read at
     * @return the invoices as stored, in the same order, each with its version incremented
     * @throws ConcurrentUpdateException if one was changed since it was read; the others may have been
     *     written, so the caller's transaction must roll back (the SDK's always does)
     * @throws NotFoundException if one does not exist, under the same condition
     */
    default List<Invoice> updateAll(List<Invoice> invoices) {
        List<Invoice> stored = new ArrayList<>(invoices.size());
        for (Invoice invoice : invoices) {
            stored.add(update(invoice));
        }
        return stored;
    }
}
