package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.Violation;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CancellationCredit;
import org.billingsdk.core.event.CancellationRevoked;
import org.billingsdk.core.event.CancellationScheduled;
import org.billingsdk.core.event.ScheduledChangeRevoked;
import org.billingsdk.core.event.SubscriptionReactivated;
import org.billingsdk.core.event.SubscriptionStarted;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.subscription.CancelResult;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.ReactivateResult;
import org.billingsdk.core.subscription.RemoveCancellationResult;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionCounts;
import org.billingsdk.core.subscription.SubscriptionFilter;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionView;
import org.billingsdk.core.subscription.Subscriptions;
import org.billingsdk.core.subscription.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription commands of {@link Subscriptions}: subscribe, cancel, remove a scheduled
 * cancellation, reactivate. Each first applies what time has brought to the subscription
 * ({@link Lifecycle}), decides by the model's rules, and stores the result with its events; the
 * portal's reads are {@link PortalQueries}'. Thread-safe.
 */
public final class SubscriptionCommands implements Subscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionCommands.class);

    private final Context context;
    private final Lifecycle lifecycle;
    private final Invoicing invoicing;
    private final Charging charging;
    private final Provisioning provisioning;
    private final PortalQueries queries;
    private final CreditsService credits;
    private final CancellationCredit cancellationCredit;
    private final SubscriptionAccess access;

    public SubscriptionCommands(Context context, Lifecycle lifecycle, Invoicing invoicing, Charging charging,
            PortalQueries queries, CreditsService credits, CancellationCredit cancellationCredit) {
        this.credits = Objects.requireNonNull(credits);
        this.cancellationCredit = Objects.requireNonNull(cancellationCredit);
        this.context = Objects.requireNonNull(context);
        this.lifecycle = Objects.requireNonNull(lifecycle);
        this.invoicing = Objects.requireNonNull(invoicing);
        this.charging = Objects.requireNonNull(charging);
        this.provisioning = new Provisioning(context);
        this.access = new SubscriptionAccess(context, lifecycle);
        this.queries = Objects.requireNonNull(queries);
    }

    @Override
    public Subscription subscribe(Actor actor, CompanyId companyId, PlanId planId) {
        return subscribe(actor, companyId, planId, 1);
    }

    @Override
    public Subscription subscribe(Actor actor, CompanyId companyId, PlanId planId, int quantity) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(planId, "planId");
        Plan plan = context.plan(planId);
        if (!plan.allows(quantity)) {
            throw new InvalidInputException(List.of(new Violation("quantity", "must be " + plan.quantities()
                    + " for plan " + planId)));
        }
        context.read(() -> {
            Company company = context.access().reach(actor, companyId);
            context.access().partnerRefusal(actor, company).ifPresent(refusal -> {
                throw new RefusedException(refusal);
            });
            return company;
        });
        SubscriptionId id = SubscriptionId.random();
        EnvironmentId environment = provisioning.provision(id, companyId, plan);
        Instant now = context.now();
        Started started;
        try {
            started = context.write(Who.of(actor), now, changes -> {
                Subscription saved = context.storage().subscriptions()
                        .insert(Subscription.subscribe(id, companyId, plan, quantity, environment, now));
                changes.record(new SubscriptionStarted(changes.newId(), now, companyId, id, planId, environment,
                        saved.trialEnd(), saved.contractEnd()));
                return invoiceFirstPeriod(saved, changes);
            });
        } catch (RuntimeException e) {
            if (provisioning.storedAfterAll(id, environment, e)) {
                return context.read(() -> context.storage().subscriptions().findById(id)).orElseThrow();
            }
            throw e;
        }
        collectFirst(started, Who.of(actor));
        return context.read(() -> context.storage().subscriptions().findById(id)).orElseThrow();
    }

    /** What the reactivating transaction did: refused (with the reason found in it), or started. */
    private record Reactivating(Refusal refusal, Started started) {
    }

    /** A subscription just stored, and the invoice of its first period if one was issued. */
    private record Started(Subscription subscription, Optional<Invoice> invoice) {
    }

    /**
     * Invoices the first period of a subscription just stored (one that starts without a trial),
     * in the caller's transaction: what {@link Subscription#advanceTo} brings it at its start.
     */
    private Started invoiceFirstPeriod(Subscription subscription, Changes changes) {
        Company company = context.storage().companies().findById(subscription.companyId()).orElseThrow();
        Company payer = invoicing.payerOf(company);
        Timeline timeline = subscription.advanceTo(changes.now(), context::plan, payer.billingDay());
        if (!timeline.changed()) {
            return new Started(subscription, Optional.empty());
        }
        if (timeline.steps().size() != 1 || timeline.periodsStarted().isEmpty()) {
            throw new IllegalStateException("a new subscription brings at most its first period: " + timeline.steps());
        }
        Optional<Invoice> invoice = invoicing.issue(
                invoicing.draft(subscription, company, payer, timeline.periodsStarted().get(0)), changes);
        return new Started(context.storage().subscriptions().update(timeline.after()), invoice);
    }

    /**
     * Charges the first invoice of a subscription just stored. The subscription exists whatever
     * happens here, so a failure (the storage, say) is logged rather than thrown: a caller that saw
     * an exception would subscribe again. The invoice stays open and due, and the billing run
     * charges it.
     */
    private void collectFirst(Started started, Who who) {
        started.invoice().ifPresent(invoice -> {
            try {
                charging.collect(invoice.id(), context.now(), who);
            } catch (RuntimeException e) {
                LOG.warn("Charging the first invoice {} of subscription {} failed ({}); the billing run charges it",
                        invoice.number(), started.subscription().id(), e.toString());
            }
        });
    }

    @Override
    public CancelResult cancel(Actor actor, SubscriptionId subscriptionId, DataErasure erasure) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(erasure, "erasure");
        Instant now = context.now();
        access.bringUpToDate(actor, subscriptionId, now);
        CancelResult result = context.write(Who.of(actor), now, changes -> {
            Subscription subscription = access.reach(actor, subscriptionId);
            access.requireNotPartnerManaged(actor, subscription);
            Plan plan = context.plan(subscription.planId());
            CancelResult decision = subscription.decideCancel(now, erasure, context.cancellationTiming(),
                    plan.interval().months());
            ScheduledChange dropped = decision instanceof CancelResult.Refused ? null : subscription.scheduledChange();
            if (decision instanceof CancelResult.Scheduled scheduled && !scheduled.alreadyScheduled()) {
                context.storage().subscriptions().update(subscription.scheduleCancellation(scheduled.effectiveOn()));
                changes.record(new CancellationScheduled(changes.newId(), now, subscription.companyId(),
                        subscriptionId, scheduled.effectiveOn()));
                decision = new CancelResult.Scheduled(subscriptionId, scheduled.effectiveOn(), false, dropped);
            } else if (decision instanceof CancelResult.Cancelled cancelled) {
                lifecycle.cancel(subscription, now, changes);
                if (cancellationCredit == CancellationCredit.PRORATED) {
                    credits.creditUnusedPeriod(subscription, plan.interval().months(), now, changes);
                }
                decision = new CancelResult.Cancelled(subscriptionId, cancelled.effectiveAt(), cancelled.erasure(),
                        dropped);
            }
            if (dropped != null && decision instanceof CancelResult.Scheduled) {
                // (a cancellation that takes effect at once drops it in Lifecycle.cancel)
                changes.record(new ScheduledChangeRevoked(changes.newId(), now, subscription.companyId(),
                        subscriptionId, dropped.planId(), dropped.quantity(), dropped.effectiveOn(),
                        ScheduledChangeRevoked.Why.CANCELLED));
            }
            return decision;
        });
        if (result instanceof CancelResult.Cancelled cancelled) {
            Subscription stored = context.read(() -> context.storage().subscriptions().findById(subscriptionId))
                    .orElseThrow();
            return new CancelResult.Cancelled(subscriptionId, cancelled.effectiveAt(),
                    lifecycle.erase(stored, Who.of(actor)), cancelled.droppedChange());
        }
        return result;
    }

    @Override
    public RemoveCancellationResult removeScheduledCancellation(Actor actor, SubscriptionId subscriptionId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Instant now = context.now();
        access.bringUpToDate(actor, subscriptionId, now);
        return context.write(Who.of(actor), now, changes -> {
            Subscription subscription = access.reach(actor, subscriptionId);
            access.requireNotPartnerManaged(actor, subscription);
            Optional<Refusal> refusal = subscription.refusalToRemoveCancellation(now);
            if (refusal.isPresent()) {
                return new RemoveCancellationResult.Refused(subscriptionId, refusal.get());
            }
            context.storage().subscriptions().update(subscription.withoutScheduledCancellation());
            changes.record(new CancellationRevoked(changes.newId(), now, subscription.companyId(), subscriptionId));
            return new RemoveCancellationResult.Removed(subscriptionId);
        });
    }

    @Override
    public ReactivateResult reactivate(Actor actor, SubscriptionId subscriptionId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Instant caughtUpTo = context.now();
        access.bringUpToDate(actor, subscriptionId, caughtUpTo);
        Subscription previous = context.read(() -> access.reach(actor, subscriptionId));
        for (SubscriptionId member : context.read(() -> family(previous))) {
            if (!member.equals(subscriptionId)) {
                access.bringUpToDate(member, caughtUpTo);
            }
        }
        Optional<Refusal> refusal = context.read(() -> refusalToReactivate(actor, previous));
        if (refusal.isPresent()) {
            return new ReactivateResult.Refused(subscriptionId, refusal.get());
        }
        Plan plan = context.plan(previous.planId());
        SubscriptionId id = SubscriptionId.random();
        EnvironmentId environment = provisioning.provision(id, previous.companyId(), plan);
        Instant now = context.now();
        Reactivating started;
        try {
            started = context.write(Who.of(actor), now, changes -> {
                Subscription old = access.reach(actor, subscriptionId);
                Optional<Refusal> lateRefusal = refusalToReactivate(actor, old);
                if (lateRefusal.isPresent()) {
                    return new Reactivating(lateRefusal.get(), null);
                }
                Subscription inserted = context.storage().subscriptions()
                        .insert(Subscription.reactivation(old, id, plan, environment, now));
                context.storage().subscriptions().update(old.succeededBy(id));
                changes.record(new SubscriptionReactivated(changes.newId(), now, old.companyId(), id, old.id(),
                        environment));
                return new Reactivating(null, invoiceFirstPeriod(inserted, changes));
            });
        } catch (RuntimeException e) {
            if (provisioning.storedAfterAll(id, environment, e)) {
                return new ReactivateResult.Reactivated(subscriptionId,
                        context.read(() -> context.storage().subscriptions().findById(id)).orElseThrow());
            }
            throw e;
        }
        if (started.refusal() != null) {
            provisioning.release(environment, id);
            return new ReactivateResult.Refused(subscriptionId, started.refusal());
        }
        collectFirst(started.started(), Who.of(actor));
        Subscription current = context.read(() -> context.storage().subscriptions().findById(id)).orElseThrow();
        return new ReactivateResult.Reactivated(subscriptionId, current);
    }

    private Optional<Refusal> refusalToReactivate(Actor actor, Subscription old) {
        access.requireNotPartnerManaged(actor, old);
        if (!old.isCancelled()) {
            return Optional.of(new Refusal(RefusalCode.NOT_CANCELLED,
                    "Subscription " + old.id() + " is not cancelled; only a cancelled subscription can be reactivated."));
        }
        Optional<Subscription> live = family(old).stream()
                .map(id -> context.storage().subscriptions().findById(id))
                .flatMap(Optional::stream)
                .filter(member -> !member.isCancelled())
                .findFirst();
        if (live.isPresent()) {
            return Optional.of(new Refusal(RefusalCode.ALREADY_REACTIVATED, "Subscription " + old.id()
                    + " was already reactivated; " + live.get().id() + " is live."));
        }
        return Optional.empty();
    }

    /**
     * The subscriptions linked to {@code start} by reactivations, in both directions: its family.
     * A family has at most one live subscription.
     */
    private List<SubscriptionId> family(Subscription start) {
        Set<SubscriptionId> seen = new LinkedHashSet<>();
        Deque<Subscription> pending = new ArrayDeque<>();
        pending.add(start);
        seen.add(start.id());
        while (!pending.isEmpty() && seen.size() < 1000) {
            Subscription member = pending.poll();
            for (SubscriptionId linked : Arrays.asList(member.previousId(), member.successorId())) {
                if (linked != null && seen.add(linked)) {
                    context.storage().subscriptions().findById(linked).ifPresent(pending::add);
                }
            }
        }
        return List.copyOf(seen);
    }

    @Override
    public SubscriptionView find(Actor actor, SubscriptionId subscriptionId) {
        return queries.find(actor, subscriptionId);
    }

    @Override
    public List<SubscriptionView> active(Actor actor, CompanyId companyId, Scope scope) {
        return queries.active(actor, companyId, scope);
    }

    @Override
    public List<SubscriptionView> all(Actor actor, CompanyId companyId, Scope scope) {
        return queries.all(actor, companyId, scope);
    }

    @Override
    public Page<SubscriptionView> list(Actor actor, CompanyId companyId, Scope scope, SubscriptionFilter filter,
            PageRequest page) {
        return queries.list(actor, companyId, scope, filter, page);
    }

    @Override
    public SubscriptionCounts count(Actor actor, CompanyId companyId, Scope scope, SubscriptionFilter filter) {
        return queries.count(actor, companyId, scope, filter);
    }
}
