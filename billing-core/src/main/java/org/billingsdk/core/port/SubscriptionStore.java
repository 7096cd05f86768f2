package org.billingsdk.core.port;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionSummary;

/**
 * Keeps subscriptions. Writes are versioned like {@link CompanyStore}'s. Subscriptions come back
 * with every field, instants to the microsecond and empty fields empty. Ids are ordered as
 * {@link SubscriptionId#compareTo} orders them (unsigned, as PostgreSQL orders {@code uuid}), so
 * that the billing run, paging with the last id it saw, finds each subscription exactly once.
 * Thread-safe.
 */
public interface SubscriptionStore {

    /**
     * Finds a subscription.
     *
     * @param id the subscription's id
     * @return the subscription with its stored version, or empty when there is none
     */
    Optional<Subscription> findById(SubscriptionId id);

    /**
     * Stores a new subscription at version 1 and returns it so. Its company and plan, and the
     * subscription it reactivates if any, are stored already.
     *
     * @param subscription the subscription, at whatever version it comes (the SDK passes 0)
     * @return the subscription as stored: the same fields at version 1
     * @throws org.billingsdk.core.DuplicateKeyException if its id is taken; the stored
     *     subscription is left as it was
     */
    Subscription insert(Subscription subscription);

    /**
     * Replaces the stored subscription whose version is {@code subscription.version()} and returns
     * it with the version incremented. A storage that keeps {@link Subscription#nextDueAt()} in a
     * column for {@link #findDue} must recompute it here.
     *
     * @param subscription the changed subscription, at the version it was read at
     * @return the subscription as stored, at {@code subscription.version() + 1}
     * @throws org.billingsdk.core.ConcurrentUpdateException if the stored version differs, lower or
     *     higher; the stored subscription is left as it was
     * @throws org.billingsdk.core.NotFoundException if there is no such subscription
     */
    Subscription update(Subscription subscription);

    /**
     * Every subscription of the given companies, cancelled ones included, ordered by start then id.
     *
     * @param companyIds the companies; an empty collection or unknown ids find nothing
     * @return their subscriptions, ordered by {@code startedAt}, then by id
     */
    List<Subscription> findByCompanies(Collection<CompanyId> companyIds);

    /**
     * The subscriptions of the given companies as the portal's list shows them, in no particular
     * order: the list groups them by company and orders each company's itself. Override to read
     * only those columns, unsorted, and to leave the cancelled ones out in the query; the default
     * summarizes {@link #findByCompanies}.
     *
     * @param companyIds the companies; an empty collection or unknown ids find nothing
     * @param withCancelled whether cancelled subscriptions are included
     * @return the summaries of their subscriptions, each once (also when a company is given twice)
     */
    default List<SubscriptionSummary> findSummaries(Collection<CompanyId> companyIds, boolean withCancelled) {
        List<SubscriptionSummary> summaries = new ArrayList<>();
        for (Subscription subscription : findByCompanies(companyIds)) {
            if (withCancelled || !subscription.isCancelled()) {
                summaries.add(SubscriptionSummary.of(subscription));
            }
        }
        return summaries;
    }

    /**
     * Up to {@code limit} subscriptions whose {@link Subscription#nextDueAt()} is at or before
     * {@code now}, with ids greater than {@code after} (or from the first when {@code null}),
     * ordered by id: the billing run pages through them with the last id it saw. Cancelled
     * subscriptions are never due. {@code nextDueAt()} is the oracle: a query that computes it
     * must agree with it for every state, trial, contract, period invoiced and scheduled
     * cancellation.
     *
     * @param now the billing run's time; a subscription due exactly then is due, to the microsecond
     * @param after the last id of the previous page, which need not be due itself, or {@code null}
     * @param limit the most subscriptions to answer
     * @return the due subscriptions of the page; fewer than {@code limit} at the end
     */
    List<Subscription> findDue(Instant now, SubscriptionId after, int limit);

    /**
     * Like {@link #findDue}, for the billing run, which calls it inside the transaction that then
     * advances the page. A storage shared by several nodes may hold the subscriptions it answers
     * until that transaction ends (PostgreSQL: {@code SELECT ... FOR UPDATE SKIP LOCKED}), so that
     * the other nodes' claims skip them and nodes running
     * the billing run at once share the work instead of competing for it. Correctness never
     * depends on it (versioned updates already keep a period from being billed twice); the
     * default simply finds. A claim must not change the subscriptions' versions: the billing run
     * advances a page as claimed, and a version moved by the claim would cost it a second try
     * (reading the page again) on every page.
     *
     * @param now the billing run's time, as for {@link #findDue}
     * @param after the last id of the previous page, or {@code null}
     * @param limit the most subscriptions to answer
     * @return the due subscriptions of the page that no other node holds, ordered by id
     */
    default List<Subscription> claimDue(Instant now, SubscriptionId after, int limit) {
        return findDue(now, after, limit);
    }

    /**
     * Up to {@code limit} cancelled subscriptions whose erasure is still pending, with ids greater
     * than {@code after} (or from the first when {@code null}), ordered by id.
     *
     * @param after the last id of the previous page, or {@code null} for the first page
     * @param limit the most subscriptions to answer
     * @return the cancelled subscriptions whose {@code erasure} is {@code PENDING}; fewer than
     *     {@code limit} at the end
     */
    List<Subscription> findAwaitingErasure(SubscriptionId after, int limit);

    /**
     * The subscriptions with these ids, read at once: the billing run reads a page of them this way.
     * A database answers with one query; the default reads them one by one.
     *
     * @param ids the ids to read; ids of subscriptions that do not exist are skipped
     * @return the subscriptions found, each once (also when its id is given twice), in no particular order
     */
    default List<Subscription> findAllById(Collection<SubscriptionId> ids) {
        List<Subscription> found = new ArrayList<>(ids.size());
        for (SubscriptionId id : new LinkedHashSet<>(ids)) {
            findById(id).ifPresent(found::add);
        }
        return found;
    }

    /**
     * Updates several subscriptions, each as {@link #update} does, inside the caller's transaction.
     * A database sends them as one batch; the default updates them one by one.
     *
     * @param subscriptions the new states, each carrying the version it was read at
     * @return the subscriptions as stored, in the same order, each with its version incremented
     * @throws ConcurrentUpdateException if one was changed since it was read; the others may have been
     *     written, so the caller's transaction must roll back (the SDK's always does)
     * @throws NotFoundException if one does not exist, under the same condition
     */
    default List<Subscription> updateAll(List<Subscription> subscriptions) {
        List<Subscription> stored = new ArrayList<>(subscriptions.size());
        for (Subscription subscription : subscriptions) {
            stored.add(update(subscription));
        }
        return stored;
    }
}
