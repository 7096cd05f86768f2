package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.catalog.BillingAmount;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.Payer;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.Subscription;
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
            return view(seen, company, plan, context.product(plan.productCode()), payers(List.of(company)));
        });
    }

    @Override
    public List<SubscriptionView> active(Actor actor, CompanyId companyId, Scope scope) {
        return list(actor, companyId, scope, false);
    }

    @Override
    public List<SubscriptionView> all(Actor actor, CompanyId companyId, Scope scope) {
        return list(actor, companyId, scope, true);
    }

    private List<SubscriptionView> list(Actor actor, CompanyId companyId, Scope scope, boolean withCancelled) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(scope, "scope");
        Instant now = context.now();
        return context.read(() -> {
            Company company = context.access().reach(actor, companyId);
            context.access().partnerRefusal(actor, company).ifPresent(refusal -> {
                throw new RefusedException(refusal);
            });
            List<Company> companies = scope == Scope.COMPANY_ONLY
                    ? List.of(company)
                    : context.storage().companies().findSubtree(companyId);
            List<Company> shown = shownInOrder(companies, companyId);
            // The companies are known already: their subscriptions are read by key, through the index,
            // only what the list shows of them, and listed company by company in the companies' order
            // (a sort of the whole list by company rank cost more than the query).
            List<CompanyId> ids = new ArrayList<>(shown.size());
            for (Company each : shown) {
                ids.add(each.id());
            }
            List<SubscriptionSummary> summaries = context.storage().subscriptions().findSummaries(ids, withCancelled);
            Map<UUID, List<SubscriptionSummary>> byCompany = new HashMap<>(Math.max(16, shown.size() * 2));
            for (SubscriptionSummary summary : summaries) {
                byCompany.computeIfAbsent(summary.companyId().value(), id -> new ArrayList<>(4)).add(summary);
            }
            Map<CompanyId, Payer> payers = payers(shown);
            List<SubscriptionView> views = new ArrayList<>(summaries.size());
            Plan plan = null;
            Product product = null;
            for (Company each : shown) {
                List<SubscriptionSummary> own = byCompany.get(each.id().value());
                if (own == null) {
                    continue;
                }
                if (own.size() > 1) {
                    own.sort(BY_START);
                }
                for (SubscriptionSummary stored : own) {
                    SubscriptionSummary subscription = stored.asOf(now, context::plan);
                    // Most rows share a plan: it is looked up again only when it changes.
                    if (plan == null || !plan.id().equals(subscription.planId())) {
                        plan = context.plan(subscription.planId());
                        product = context.product(plan.productCode());
                    }
                    if (withCancelled || !subscription.isCancelled()) {
                        views.add(view(subscription, each, plan, product, payers));
                    }
                }
            }
            return List.copyOf(views);
        });
    }

    /** A company's subscriptions in the list: by start, then by id. */
    private static final Comparator<SubscriptionSummary> BY_START = (a, b) -> {
        int started = a.startedAt().compareTo(b.startedAt());
        return started != 0 ? started : a.id().compareTo(b.id());
    };

    /** Companies in the list, after the company itself: by name, then by id. */
    private static final Comparator<Company> BY_NAME = (a, b) -> {
        int name = a.name().compareTo(b.name());
        return name != 0 ? name : a.id().value().compareTo(b.id().value());
    };

    /**
     * The companies whose subscriptions are listed: those not partner-managed, the company itself
     * first, then the others by name, then by id.
     */
    private static List<Company> shownInOrder(List<Company> companies, CompanyId companyId) {
        List<Company> shown = new ArrayList<>(companies.size());
        List<Company> others = new ArrayList<>(companies.size());
        for (Company each : companies) {
            if (!each.isPartnerManaged()) {
                (each.id().equals(companyId) ? shown : others).add(each);
            }
        }
        others.sort(BY_NAME);
        shown.addAll(others);
        return shown;
    }

    /**
     * Who pays for each of the companies, by company: itself, a company among them, or one above
     * them, read at once (only its id and name are shown).
     */
    private Map<CompanyId, Payer> payers(List<Company> companies) {
        Map<CompanyId, Company> known = new HashMap<>(Math.max(16, companies.size() * 2));
        companies.forEach(company -> known.put(company.id(), company));
        List<CompanyId> above = companies.stream().map(Company::payer).filter(payer -> !known.containsKey(payer))
                .distinct().toList();
        if (!above.isEmpty()) {
            context.storage().companies().findAllById(above).forEach(payer -> known.put(payer.id(), payer));
        }
        Map<CompanyId, Payer> payers = new HashMap<>(Math.max(16, companies.size() * 2));
        for (Company company : companies) {
            Company payer = known.get(company.payer());
            if (payer == null) {
                throw new StorageException("subscriptions.portal", "the payer of company " + company.id()
                        + ", which the storage does not hold", null);
            }
            payers.put(company.id(), new Payer(payer.id(), payer.name(), payer.id().equals(company.id())));
        }
        return payers;
    }

    private SubscriptionView view(SubscriptionSummary s, Company company, Plan plan, Product product,
            Map<CompanyId, Payer> payers) {
        ScheduledChange change = s.scheduledChange();
        BillingAmount scheduledAmount = null;
        if (change != null) {
            Plan next = change.planId().equals(plan.id()) ? plan : context.plan(change.planId());
            scheduledAmount = new BillingAmount(next.priceOf(change.quantity()), next.interval());
        }
        return new SubscriptionView(s.id(), company.id(), company.name(), product, plan.id(), s.quantity(),
                new BillingAmount(plan.priceOf(s.quantity()), plan.interval()),
                s.state(), s.environmentId(), s.startedAt(), s.trialEnd(), s.contractEnd(),
                s.scheduledCancellation(), change, scheduledAmount, s.cancelledAt(), s.erasure(),
                payers.get(company.id()));
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
