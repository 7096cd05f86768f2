package org.billingsdk.core.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.catalog.BillingAmount;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.Payer;
import org.billingsdk.core.port.CompanyScope;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionCounts;
import org.billingsdk.core.subscription.SubscriptionFilter;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionQueries;
import org.billingsdk.core.subscription.SubscriptionSummary;
import org.billingsdk.core.subscription.SubscriptionView;

/**
 * The portal's reads of subscriptions ({@link SubscriptionQueries}): each subscription as it is at
 * the time of the read ({@link SubscriptionSummary#asOf}), with its company's name, its product and
 * its billing amount. Writes nothing. Thread-safe.
 */
public final class PortalQueries implements SubscriptionQueries {

    private final Context context;

    public PortalQueries(Context context) {
        this.context = Objects.requireNonNull(context);
    }

    @Override
    public SubscriptionView find(Actor actor, SubscriptionId subscriptionId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Instant now = context.now();
        return context.read(() -> {
            Subscription subscription = reach(actor, subscriptionId);
            Company company = context.storage().companies().findById(subscription.companyId()).orElseThrow();
            SubscriptionSummary seen = SubscriptionSummary.of(subscription).asOf(now, context::plan);
            Plan plan = context.plan(seen.planId());
            Company payer = company.payer().equals(company.id()) ? company
                    : context.storage().companies().findById(company.payer()).orElseThrow(() -> new StorageException(
                            "subscriptions.portal", "the payer of company " + company.id()
                                    + ", which the storage does not hold", null));
            return view(seen, company.name(), plan, context.product(plan.productCode()),
                    new Payer(payer.id(), payer.name(), payer == company));
        });
    }

    @Override
    public List<SubscriptionView> active(Actor actor, CompanyId companyId, Scope scope) {
        return whole(actor, companyId, scope, SubscriptionFilter.notCancelled());
    }

    @Override
    public List<SubscriptionView> all(Actor actor, CompanyId companyId, Scope scope) {
        return whole(actor, companyId, scope, SubscriptionFilter.everyState());
    }

    /** The whole list, read page by page in one read: the same rows, in the same order, as {@link #list}. */
    private List<SubscriptionView> whole(Actor actor, CompanyId companyId, Scope scope, SubscriptionFilter filter) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(scope, "scope");
        Instant now = listTime();
        return context.read(() -> {
            Listed listed = open(actor, companyId, scope, filter, now);
            List<SubscriptionView> views = new ArrayList<>();
            ListCursor.Position after = null;
            while (true) {
                List<SubscriptionStore.Listed> rows = listed.rows(after, WHOLE_PAGE);
                views.addAll(listed.views(rows));
                if (rows.size() < WHOLE_PAGE) {
                    return List.copyOf(views);
                }
                ListCursor.Position next = ListCursor.Position.after(rows.get(rows.size() - 1));
                if (next.equals(after)) {
                    throw new StorageException("subscriptions.portal", "the storage answered the same page twice",
                            null);
                }
                after = next;
            }
        });
    }

    /**
     * The time a list is read at, to the microsecond: stores keep instants so, and a database
     * compares them so, which the rows' own reading ({@link SubscriptionSummary#asOf}) then agrees with.
     */
    private Instant listTime() {
        return context.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** How many rows {@link #active} and {@link #all} read from the storage at once. */
    private static final int WHOLE_PAGE = 100_000;

    @Override
    public Page<SubscriptionView> list(Actor actor, CompanyId companyId, Scope scope, SubscriptionFilter filter,
            PageRequest page) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(page, "page");
        ListCursor.Position after = page.cursor() == null ? null : ListCursor.read(page.cursor());
        Instant now = listTime();
        return context.read(() -> {
            Listed listed = open(actor, companyId, scope, filter, now);
            // One more than the page shows: then it is known whether another page follows.
            List<SubscriptionStore.Listed> rows = listed.rows(after, page.size() + 1);
            boolean more = rows.size() > page.size();
            List<SubscriptionStore.Listed> shown = more ? rows.subList(0, page.size()) : rows;
            String next = more ? ListCursor.write(ListCursor.Position.after(shown.get(shown.size() - 1))) : null;
            return new Page<>(listed.views(shown), next);
        });
    }

    @Override
    public SubscriptionCounts count(Actor actor, CompanyId companyId, Scope scope, SubscriptionFilter filter) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(filter, "filter");
        Instant now = listTime();
        return context.read(() -> {
            Listed listed = open(actor, companyId, scope, filter, now);
            if (listed.listing == null) {
                return new SubscriptionCounts(Map.of());
            }
            return new SubscriptionCounts(context.storage().subscriptions().countListed(listed.scope, listed.listing));
        });
    }

    /**
     * The list of a company the actor may manage, ready to read: its scope and what it selects
     * ({@code null} when the filter's products have no plans, so that nothing is selected).
     */
    private Listed open(Actor actor, CompanyId companyId, Scope scope, SubscriptionFilter filter, Instant now) {
        Company company = context.access().reach(actor, companyId);
        context.access().partnerRefusal(actor, company).ifPresent(refusal -> {
            throw new RefusedException(refusal);
        });
        Set<PlanId> plans = filter.products().isEmpty() ? null : new HashSet<>();
        for (ProductCode product : filter.products()) {
            for (Plan plan : context.storage().catalog().findPlans(product)) {
                plans.add(plan.id());
            }
        }
        SubscriptionStore.Listing listing = plans != null && plans.isEmpty() ? null
                : new SubscriptionStore.Listing(plans, filter.states(), filter.scheduledOnly(),
                        filter.companyNameContains(), now);
        return new Listed(company, CompanyScope.of(companyId, scope, context.storage().companies()), listing);
    }

    /** One read of a company's list: its rows page by page, and the views of a page's rows. */
    private final class Listed {

        private final Company company;
        private final CompanyScope scope;
        private final SubscriptionStore.Listing listing;
        /** The company's own rows, read once per read (a company has few). */
        private List<SubscriptionStore.Listed> own;

        Listed(Company company, CompanyScope scope, SubscriptionStore.Listing listing) {
            this.company = company;
            this.scope = scope;
            this.listing = listing;
        }

        /**
         * Up to {@code limit} rows after the position: the company's own first (by start, then id),
         * then its descendants' as the storage orders them.
         */
        List<SubscriptionStore.Listed> rows(ListCursor.Position after, int limit) {
            if (listing == null) {
                return List.of();
            }
            List<SubscriptionStore.Listed> rows = new ArrayList<>(Math.min(limit, 1_024));
            boolean inOwn = after == null || after.companyId().equals(company.id());
            if (inOwn) {
                for (SubscriptionStore.Listed row : own()) {
                    if (rows.size() < limit && (after == null || after.isBefore(row.summary()))) {
                        rows.add(row);
                    }
                }
            }
            if (rows.size() < limit && scope.withDescendants()) {
                rows.addAll(context.storage().subscriptions().findListedBelow(scope, listing,
                        inOwn ? null : after.below(), limit - rows.size()));
            }
            return rows;
        }

        /**
         * The company's own rows. Whether its name holds the filter's text is asked of the store
         * ({@link SubscriptionStore#countListed} of the company alone), which matches text as it does
         * for the descendants: a database lowers text as its locale does, which Java may not.
         */
        private List<SubscriptionStore.Listed> own() {
            if (own == null) {
                SubscriptionStore.Listing unnamed = new SubscriptionStore.Listing(listing.plans(), listing.states(),
                        listing.scheduledOnly(), null, listing.now());
                boolean named = listing.nameContains() == null || context.storage().subscriptions()
                        .countListed(CompanyScope.of(company.id(), Scope.COMPANY_ONLY, context.storage().companies()),
                                listing).values().stream().mapToLong(Long::longValue).sum() > 0;
                List<SubscriptionSummary> summaries = new ArrayList<>(named
                        ? context.storage().subscriptions().findSummaries(List.of(company.id()), true) : List.of());
                summaries.sort(BY_START);
                own = summaries.stream().filter(summary -> unnamed.selects(summary, company.name()))
                        .map(summary -> new SubscriptionStore.Listed(summary, company.name(), company.payer()))
                        .toList();
            }
            return own;
        }

        /**
         * The rows as the list shows them, each as it is now, with its plan's product and billing
         * amount and who pays for its company (read at once: the payers the rows name).
         */
        List<SubscriptionView> views(List<SubscriptionStore.Listed> rows) {
            Map<CompanyId, Payer> payers = payers(rows);
            List<SubscriptionView> views = new ArrayList<>(rows.size());
            Plan plan = null;
            Product product = null;
            for (SubscriptionStore.Listed row : rows) {
                // Rows come only from a listing, which holds the time the list is read at.
                SubscriptionSummary subscription = row.summary().asOf(listing.now(), context::plan);
                // Most rows share a plan: it is looked up again only when it changes.
                if (plan == null || !plan.id().equals(subscription.planId())) {
                    plan = context.plan(subscription.planId());
                    product = context.product(plan.productCode());
                }
                views.add(view(subscription, row.companyName(), plan, product, payers.get(row.summary().companyId())));
            }
            return views;
        }

        private Map<CompanyId, Payer> payers(List<SubscriptionStore.Listed> rows) {
            Map<CompanyId, String> names = new HashMap<>();
            Set<CompanyId> above = new HashSet<>();
            for (SubscriptionStore.Listed row : rows) {
                names.put(row.summary().companyId(), row.companyName());
                if (!row.payerId().equals(row.summary().companyId())) {
                    above.add(row.payerId());
                }
            }
            above.removeAll(names.keySet());
            if (!above.isEmpty()) {
                context.storage().companies().findAllById(above).forEach(payer -> names.put(payer.id(), payer.name()));
            }
            Map<CompanyId, Payer> payers = new HashMap<>();
            for (SubscriptionStore.Listed row : rows) {
                CompanyId id = row.summary().companyId();
                String name = names.get(row.payerId());
                if (name == null) {
                    throw new StorageException("subscriptions.portal", "the payer of company " + id
                            + ", which the storage does not hold", null);
                }
                payers.put(id, new Payer(row.payerId(), name, row.payerId().equals(id)));
            }
            return payers;
        }
    }

    /** A company's subscriptions in the list: by start, then by id. */
    private static final Comparator<SubscriptionSummary> BY_START = (a, b) -> {
        int started = a.startedAt().compareTo(b.startedAt());
        return started != 0 ? started : a.id().compareTo(b.id());
    };

    private SubscriptionView view(SubscriptionSummary s, String companyName, Plan plan, Product product,
            Payer payer) {
        ScheduledChange change = s.scheduledChange();
        BillingAmount scheduledAmount = null;
        if (change != null) {
            Plan next = change.planId().equals(plan.id()) ? plan : context.plan(change.planId());
            scheduledAmount = new BillingAmount(next.priceOf(change.quantity()), next.interval());
        }
        return new SubscriptionView(s.id(), s.companyId(), companyName, product, plan.id(), s.quantity(),
                new BillingAmount(plan.priceOf(s.quantity()), plan.interval()),
                s.state(), s.environmentId(), s.startedAt(), s.trialEnd(), s.contractEnd(),
                s.scheduledCancellation(), change, scheduledAmount, s.cancelledAt(), s.erasure(), payer);
    }

    private Subscription reach(Actor actor, SubscriptionId id) {
        Subscription subscription = context.storage().subscriptions().findById(id)
                .orElseThrow(() -> new NotFoundException(EntityKind.SUBSCRIPTION, id));
        if (!context.access().reaches(actor, subscription.companyId())) {
            throw new NotFoundException(EntityKind.SUBSCRIPTION, id);
        }
        return subscription;
    }
}
