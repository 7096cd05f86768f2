package org.billingsdk.core.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
     * @throws org.billingsdk.core.DuplicateKeyException if its id is taken, or if an invoice
     *     already bills one of its lines' subscription for the same period start: no period is
     *     ever billed twice
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
}
