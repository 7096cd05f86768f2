package org.billingsdk.core.port;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
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
     * A page of the portal's list below a company: the subscriptions of the descendants of
     * {@code scope.companyId()} at any depth (not the company's own, which the SDK lists first
     * itself; a scope without descendants has none), leaving out partner-managed companies, those
     * {@code listing} selects ({@link Listing#selects}, as of {@link Listing#now()}), ordered by
     * company name, company id, start and subscription id, starting after {@code after}. Names are
     * ordered as the store orders text (a database: the column's collation) and ids as
     * {@link CompanyId#compareTo} and {@link SubscriptionId#compareTo} order them; either way the
     * order is total, so paging finds each row exactly once. Override to read only the page, in
     * order, through an index on the company's tenant and name; the default reads the whole subtree
     * ({@link CompanyScope#companies()}) and every subscription of it, and orders names as
     * {@link String#compareTo} does.
     *
     * @param scope whose descendants' subscriptions to list
     * @param listing which of them, as of when
     * @param after where the previous page ended (its last row's position, the company's name as
     *     it is now), or {@code null} for the first page
     * @param limit the most rows to answer
     * @return the rows of the page; fewer than {@code limit} at the end
     */
    default List<Listed> findListedBelow(CompanyScope scope, Listing listing, ListPosition after, int limit) {
        if (!scope.withDescendants() || limit <= 0) {
            return List.of();
        }
        Map<CompanyId, Company> listed = new HashMap<>();
        for (Company company : scope.companies()) {
            if (!company.id().equals(scope.companyId()) && !company.isPartnerManaged()
                    && listing.selectsName(company.name())) {
                listed.put(company.id(), company);
            }
        }
        List<Listed> rows = new ArrayList<>();
        for (SubscriptionSummary summary : findSummaries(listed.keySet(), true)) {
            Company company = listed.get(summary.companyId());
            if (listing.selects(summary, company.name())) {
                rows.add(new Listed(summary, company.name(), company.payer()));
            }
        }
        rows.sort(Comparator.comparing(Listed::position));
        return rows.stream().filter(row -> after == null || row.position().compareTo(after) > 0).limit(limit)
                .toList();
    }

    /**
     * How many subscriptions of a scope's companies (the company itself included, partner-managed
     * companies left out) {@code listing} selects, by their state as of {@link Listing#now()}
     * ({@link SubscriptionSummary#stateAt}); the listing's states are ignored: every state is
     * counted. One aggregate query of a database; the default reads the whole subtree and every
     * subscription of it.
     *
     * @param scope whose subscriptions to count
     * @param listing which of them, its states ignored
     * @return the counts by state; a state with none may be absent
     */
    default Map<SubscriptionState, Long> countListed(CompanyScope scope, Listing listing) {
        Map<CompanyId, Company> listed = new HashMap<>();
        for (Company company : scope.companies()) {
            if (!company.isPartnerManaged() && listing.selectsName(company.name())) {
                listed.put(company.id(), company);
            }
        }
        Listing everyState = listing.inStates(EnumSet.allOf(SubscriptionState.class));
        Map<SubscriptionState, Long> counts = new EnumMap<>(SubscriptionState.class);
        for (SubscriptionSummary summary : findSummaries(listed.keySet(), true)) {
            if (everyState.selects(summary, listed.get(summary.companyId()).name())) {
                counts.merge(summary.stateAt(listing.now()), 1L, Long::sum);
            }
        }
        return counts;
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

    /**
     * Which subscriptions the portal's list selects, and as of when; immutable. {@link #selects} is
     * the oracle a store's query must agree with.
     *
     * @param plans the plans whose subscriptions are selected (every plan of the products asked
     *     for: a change keeps a subscription on its product), or {@code null} for every plan
     * @param states the states selected, as of {@code now} ({@link SubscriptionSummary#stateAt});
     *     not empty
     * @param scheduledOnly whether only those with a cancellation or a change still to come are
     *     selected ({@link SubscriptionSummary#hasScheduledAt})
     * @param nameContains text the company's name contains, ignoring case, or {@code null} for every
     *     company
     * @param now the time the list is read at
     */
    record Listing(Set<PlanId> plans, Set<SubscriptionState> states, boolean scheduledOnly, String nameContains,
            Instant now) {

        /**
         * Keeps unmodifiable copies.
         *
         * @param plans {@code null} for every plan, or the plans
         * @param states not empty
         * @param scheduledOnly whether only scheduled ones are selected
         * @param nameContains {@code null}, or not empty
         * @param now not null
         */
        public Listing {
            plans = plans == null ? null : Set.copyOf(plans);
            states = Set.copyOf(states);
            if (states.isEmpty()) {
                throw new IllegalArgumentException("a listing selects at least one state");
            }
            if (nameContains != null && nameContains.isEmpty()) {
                throw new IllegalArgumentException("a name filter is not empty");
            }
            Objects.requireNonNull(now, "now");
        }

        /**
         * Whether a subscription, as stored, is selected: its plan, its state and schedule as of
         * {@link #now()}, and its company's name.
         *
         * @param stored the subscription as the store holds it
         * @param companyName its company's name
         * @return whether the list shows it
         */
        public boolean selects(SubscriptionSummary stored, String companyName) {
            return (plans == null || plans.contains(stored.planId())) && states.contains(stored.stateAt(now))
                    && (!scheduledOnly || stored.hasScheduledAt(now)) && selectsName(companyName);
        }

        /**
         * Whether a company's name contains {@link #nameContains()}, ignoring case: here both
         * lowered as {@link String#toLowerCase(Locale)} with {@link Locale#ROOT} lowers them; a
         * database lowers both as its {@code LOWER} does (beyond ASCII, as its locale does).
         *
         * @param companyName the name
         * @return whether the name is selected
         */
        public boolean selectsName(String companyName) {
            return nameContains == null
                    || companyName.toLowerCase(Locale.ROOT).contains(nameContains.toLowerCase(Locale.ROOT));
        }

        /**
         * The same listing in other states.
         *
         * @param wanted the states; not empty
         * @return the listing
         */
        public Listing inStates(Set<SubscriptionState> wanted) {
            return new Listing(plans, wanted, scheduledOnly, nameContains, now);
        }
    }

    /**
     * A row of {@link #findListedBelow}: a subscription as stored and what the list shows of its
     * company; immutable.
     *
     * @param summary the subscription as stored
     * @param companyName its company's name
     * @param payerId who pays for the company: itself, or the ancestor that pays for it
     */
    record Listed(SubscriptionSummary summary, String companyName, CompanyId payerId) {

        /**
         * Checks the components.
         *
         * @param summary not null
         * @param companyName not null
         * @param payerId not null
         */
        public Listed {
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(companyName, "companyName");
            Objects.requireNonNull(payerId, "payerId");
        }

        /** {@return where this row is in the list's order} */
        public ListPosition position() {
            return new ListPosition(companyName, summary.companyId(), summary.startedAt(), summary.id());
        }
    }

    /**
     * Where a row is in the order of {@link #findListedBelow}; immutable. Compared here as the
     * default orders (names as {@link String#compareTo}); a database orders names by its collation.
     *
     * @param companyName the company's name
     * @param companyId the company
     * @param startedAt when the subscription started
     * @param subscriptionId the subscription
     */
    record ListPosition(String companyName, CompanyId companyId, Instant startedAt, SubscriptionId subscriptionId)
            implements Comparable<ListPosition> {

        /**
         * Checks the components.
         *
         * @param companyName not null
         * @param companyId not null
         * @param startedAt not null
         * @param subscriptionId not null
         */
        public ListPosition {
            Objects.requireNonNull(companyName, "companyName");
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(subscriptionId, "subscriptionId");
        }

        @Override
        public int compareTo(ListPosition other) {
            int order = companyName.compareTo(other.companyName);
            if (order == 0) {
                order = companyId.compareTo(other.companyId);
            }
            if (order == 0) {
                order = startedAt.compareTo(other.startedAt);
            }
            return order != 0 ? order : subscriptionId.compareTo(other.subscriptionId);
        }
    }
}
