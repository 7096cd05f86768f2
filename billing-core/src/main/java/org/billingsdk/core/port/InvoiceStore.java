package org.billingsdk.core.port;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * never changes, only its state and payment bookkeeping. Amounts come back with their currency and
 * exact value (not necessarily their scale or {@code MonetaryAmount} class), instants to the
 * microsecond. Ids are ordered as {@link InvoiceId#compareTo} orders them (unsigned, as PostgreSQL
 * orders {@code uuid}). Thread-safe.
 */
public interface InvoiceStore {

    /**
     * Stores a new, finalized invoice at version 1 and returns it so (drafts are never stored).
     * The SDK calls it in the transaction that took the invoice's number, so a refusal rolls the
     * number back with it.
     *
     * @param invoice the invoice, numbered, with its lines, parties and VAT line
     * @return the invoice as stored: the same fields at version 1
     * @throws org.billingsdk.core.DuplicateKeyException if its id or its number (series and
     *     sequence) is taken, or if an invoice already bills one of its {@code PERIOD} lines'
     *     subscription for the same period start with a {@code PERIOD} line (whatever that invoice's
     *     state), or if two of its own {@code PERIOD} lines do: no number is ever given twice and no
     *     period ever billed twice. Lines that prorate a change ({@code UNUSED_TIME},
     *     {@code REMAINING_TIME}) are not keyed so. The invoice is refused whole: none of its lines is
     *     stored
     */
    Invoice insert(Invoice invoice);

    /**
     * Replaces the stored invoice whose version is {@code invoice.version()} and returns it with
     * the version incremented. Only the state, {@code closedAt}, {@code paymentAttempts} and
     * {@code nextPaymentAt} ever change, so an implementation may write those alone.
     *
     * @param invoice the changed invoice, at the version it was read at
     * @return the invoice as stored, at {@code invoice.version() + 1}
     * @throws org.billingsdk.core.ConcurrentUpdateException if the stored version differs, lower or
     *     higher; the stored invoice is left as it was
     * @throws org.billingsdk.core.NotFoundException if there is no such invoice
     */
    Invoice update(Invoice invoice);

    /**
     * Finds an invoice with every field, its lines in their order.
     *
     * @param id the invoice's id
     * @return the invoice with its stored version, or empty when there is none
     */
    Optional<Invoice> findById(InvoiceId id);

    /**
     * A page of the given companies' invoices, newest first: by issue time, then by the number's
     * sequence, then by id, each descending (so that of the invoices one run issued at the same
     * instant, the highest number of a series comes first), starting after {@code after} (the
     * last invoice of the previous page), or from the newest when {@code null}. Paging this way
     * finds every invoice exactly once, also among invoices issued at the same instant.
     *
     * @param companyIds the companies whose invoices to list; a company given twice counts once,
     *     and an empty collection finds nothing
     * @param after where the previous page ended, or {@code null} for the first page
     * @param limit the most invoices to answer (the SDK asks for one more than it shows, to learn
     *     whether another page follows)
     * @return the invoices of the page, closed ones included; fewer than {@code limit} at the end
     */
    List<Invoice> findByCompanies(Collection<CompanyId> companyIds, Cursor after, int limit);

    /**
     * A page of the invoices of a scope's companies (the billing history), in the order and with
     * the cursor of {@link #findByCompanies}. Override to read only the page: a database reads a
     * tenant root's invoices through an index on its tenant column and issue time, and another
     * company's subtree from a walk down the tree; the default reads the whole subtree
     * ({@link CompanyScope#companyIds()}) and asks {@link #findByCompanies}.
     *
     * @param scope the companies whose invoices to list
     * @param after where the previous page ended, or {@code null} for the first page
     * @param limit the most invoices to answer
     * @return the invoices of the page; fewer than {@code limit} at the end
     */
    default List<Invoice> findInScope(CompanyScope scope, Cursor after, int limit) {
        return findByCompanies(scope.companyIds(), after, limit);
    }

    /**
     * The invoice, whatever its state, with the {@code PERIOD} line that bills {@code subscription}
     * for the period starting at {@code periodStart}: there is at most one (see {@link #insert}).
     *
     * @param subscription the subscription billed
     * @param periodStart the start of the billed period, matched exactly
     * @return the invoice with every field, or empty when that period was not billed
     */
    Optional<Invoice> findByBilledPeriod(SubscriptionId subscription, Instant periodStart);

    /**
     * The invoices, whatever their state, with a line that bills {@code subscription} for service
     * up to {@code periodEnd}: the invoice of the period that ends then and those of the changes of
     * plan or quantity made in it. A change credits and charges from what they hold.
     *
     * @param subscription the subscription billed
     * @param periodEnd the end of the lines' service period, matched exactly
     * @return the invoices with every field, in {@link #ISSUE_ORDER}; empty when there are none
     */
    List<Invoice> findBySubscriptionPeriodEnd(SubscriptionId subscription, Instant periodEnd);

    /**
     * The order invoices were issued in: by issue time, then by series and number in it, then by
     * id.
     */
    Comparator<Invoice> ISSUE_ORDER = Comparator.comparing(Invoice::issuedAt)
            .thenComparing(invoice -> invoice.number().series())
            .thenComparingLong(invoice -> invoice.number().sequence())
            .thenComparing(invoice -> invoice.id().value());

    /**
     * The open invoices with a line for {@code subscription}, in no particular order.
     *
     * @param subscription the subscription billed
     * @return its open invoices; an empty list when it has none
     */
    List<Invoice> findOpenBySubscription(SubscriptionId subscription);

    /**
     * The open invoices with a line for any of {@code subscriptions}, each once, in no particular
     * order: what dunning asks of every subscription of a consolidated invoice at once. The default
     * asks {@link #findOpenBySubscription} of each; a storage behind a network should read them in
     * one query.
     *
     * @param subscriptions the subscriptions billed
     * @return their open invoices; an empty list when they have none
     */
    default List<Invoice> findOpenBySubscriptions(Collection<SubscriptionId> subscriptions) {
        Map<InvoiceId, Invoice> open = new LinkedHashMap<>();
        for (SubscriptionId subscription : subscriptions) {
            findOpenBySubscription(subscription).forEach(invoice -> open.putIfAbsent(invoice.id(), invoice));
        }
        return List.copyOf(open.values());
    }

    /**
     * Up to {@code limit} open invoices whose next payment attempt is due at or before
     * {@code now}, with ids greater than {@code after} (or from the first when {@code null}),
     * ordered by id: the billing run pages through them with the last id it saw.
     *
     * @param now the billing run's time; an invoice whose {@code nextPaymentAt} equals it is due
     * @param after the last id of the previous page, which need not be due itself, or {@code null}
     * @param limit the most invoices to answer
     * @return the due invoices of the page, with every field; fewer than {@code limit} at the end
     */
    List<Invoice> findPaymentDue(Instant now, InvoiceId after, int limit);

    /**
     * The billing history's position: the issue time, number sequence and id of the last invoice
     * seen. The next page starts with the invoices issued before {@code issuedAt}, or at it with a
     * lower sequence, or at it with the same sequence and a lower id (ids compared as their text
     * forms, as {@link InvoiceId#compareTo} does).
     *
     * @param issuedAt when the last invoice seen was issued, as this store answered it; not null
     * @param sequence the sequence of the last invoice's number, 1 or more
     * @param id the last invoice seen; not null
     */
    record Cursor(Instant issuedAt, long sequence, InvoiceId id) {

        /**
         * Checks the position.
         *
         * @param issuedAt when the last invoice seen was issued; not null
         * @param sequence the sequence of its number, 1 or more
         * @param id the last invoice seen; not null
         * @throws NullPointerException if {@code issuedAt} or {@code id} is null
         * @throws IllegalArgumentException if {@code sequence} is below 1
         */
        public Cursor {
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(id, "id");
            if (sequence < 1) {
                throw new IllegalArgumentException("an invoice sequence starts at 1");
            }
        }

        /**
         * The position right after {@code last}.
         *
         * @param last an issued invoice, as the store answered it; not null, numbered
         * @return its position
         */
        public static Cursor after(Invoice last) {
            return new Cursor(last.issuedAt(), last.number().sequence(), last.id());
        }

        /**
         * Whether {@code invoice} comes after this position in the history's newest-first order.
         *
         * @param invoice an issued invoice; not null
         * @return true if a page starting here holds it
         */
        public boolean precedes(Invoice invoice) {
            int byTime = invoice.issuedAt().compareTo(issuedAt);
            if (byTime != 0) {
                return byTime < 0;
            }
            int bySequence = Long.compare(invoice.number().sequence(), sequence);
            return bySequence != 0 ? bySequence < 0 : invoice.id().compareTo(id) < 0;
        }
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
