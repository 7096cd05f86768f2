package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.ContractRenewed;
import org.billingsdk.core.event.ScheduledChangeRevoked;
import org.billingsdk.core.event.SubscriptionCancelled;
import org.billingsdk.core.event.SubscriptionChanged;
import org.billingsdk.core.event.SubscriptionDataErased;
import org.billingsdk.core.event.TrialEnded;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.port.ErasureOutcome;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transitions that time brings (a trial's end, a contract's renewal, a scheduled cancellation
 * taking effect) and the erasure that follows a cancellation. Shared by the operations and the
 * billing run; thread-safe.
 */
public final class Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    /** What bringing one subscription up to date did. */
    public record Advance(int trialsEnded, int renewals, List<InvoiceId> invoicesIssued, boolean cancelled) {
        static final Advance NOTHING = new Advance(0, 0, List.of(), false);
    }

    private final Context context;
    private final Invoicing invoicing;

    public Lifecycle(Context context, Invoicing invoicing) {
        this.context = context;
        this.invoicing = invoicing;
    }

    /**
     * Makes a cancellation take effect at {@code at}, inside the caller's transaction; a change
     * scheduled for later is dropped, and its event says so.
     */
    public Subscription cancel(Subscription subscription, Instant at, Changes changes) {
        Subscription cancelled = context.storage().subscriptions().update(subscription.cancelledOn(at));
        changes.record(cancelledEvent(cancelled, at, changes));
        ScheduledChange dropped = subscription.scheduledChange();
        if (dropped != null) {
            changes.record(new ScheduledChangeRevoked(changes.newId(), changes.now(), subscription.companyId(),
                    subscription.id(), dropped.planId(), dropped.quantity(), dropped.effectiveOn(),
                    ScheduledChangeRevoked.Why.CANCELLED));
        }
        return cancelled;
    }

    private static SubscriptionCancelled cancelledEvent(Subscription subscription, Instant at, Changes changes) {
        return new SubscriptionCancelled(changes.newId(), changes.now(), subscription.companyId(), subscription.id(), at);
    }

    /**
     * Does, in order, everything due for one subscription by {@code now}: a scheduled change, a
     * trial's end, contract renewals, the invoice of every billing period that has started, and a
     * scheduled cancellation taking effect (a cancellation scheduled for the trial's or term's end
     * wins over converting, renewing or invoicing). Safe to call again and from several nodes: what
     * is done is no longer due, and a period is never invoiced twice.
     */
    public Advance advance(SubscriptionId id, Instant now) {
        return context.write(Who.BILLING_RUN, now,
                changes -> advanceAll(List.of(id), now, changes, Invoicing.OnIssue.NOTHING)).stream()
                .findFirst().orElse(Advance.NOTHING);
    }

    /** One step of bringing a subscription up to date, in the order it happens. */
    private sealed interface Step {
    }

    /** A change of state, told by its event. */
    private record Happened(BillingEvent event) implements Step {
    }

    /** A billing period started: its invoice, still a draft. */
    private record Billed(Invoice draft) implements Step {
    }

    /** What time brings to one subscription, worked out before anything is written. */
    private record Walk(Subscription before, Subscription after, List<Step> steps, int trialsEnded, int renewals,
            boolean cancelled) {
    }

    /**
     * Brings a page of subscriptions up to date inside the caller's transaction, as {@link #advance}
     * does for one, reading and writing each kind of row at once; {@code onIssue} goes with the
     * invoices issued. If it fails, nothing of it is kept: the caller advances them one by one
     * instead.
     *
     * @return what was done to each subscription that was not cancelled already, in no particular order
     */
    public List<Advance> advanceAll(List<SubscriptionId> ids, Instant now, Changes changes,
            Invoicing.OnIssue onIssue) {
        return advanceRead(context.storage().subscriptions().findAllById(ids), now, changes, onIssue);
    }

    /**
     * {@link #advanceAll} of subscriptions already read, such as those the billing run has just
     * claimed: one changed since fails the transaction as a lost race (its update is versioned),
     * and the caller's next try reads them afresh with {@link #advanceAll}.
     */
    public List<Advance> advanceRead(List<Subscription> read, Instant now, Changes changes,
            Invoicing.OnIssue onIssue) {
        List<Subscription> live = read.stream().filter(subscription -> !subscription.isCancelled()).toList();
        if (live.isEmpty()) {
            return List.of();
        }
        Map<CompanyId, Company> companies = new HashMap<>();
        for (Company company : context.storage().companies()
                .findAllById(live.stream().map(Subscription::companyId).distinct().toList())) {
            companies.put(company.id(), company);
        }
        // The payers too, at once: the periods are invoiced to them.
        List<CompanyId> payers = companies.values().stream().map(Company::payer)
                .filter(payer -> !companies.containsKey(payer)).distinct().toList();
        if (!payers.isEmpty()) {
            context.storage().companies().findAllById(payers).forEach(payer -> companies.put(payer.id(), payer));
        }
        List<Walk> walks = new ArrayList<>(live.size());
        List<Invoice> drafts = new ArrayList<>();
        for (Subscription subscription : live) {
            Company company = companies.get(subscription.companyId());
            if (company == null) {
                throw new StorageException("subscriptions.advance", "subscription " + subscription.id()
                        + " belongs to a company the storage does not hold", null);
            }
            Company payer = companies.get(company.payer());
            if (payer == null) {
                throw new StorageException("subscriptions.advance", "the payer of company " + company.id()
                        + ", which the storage does not hold", null);
            }
            Walk walk = walk(subscription, company, payer, now, changes);
            walks.add(walk);
            walk.steps().forEach(step -> {
                if (step instanceof Billed billed) {
                    drafts.add(billed.draft());
                }
            });
        }
        // The subscriptions first: issuing takes the invoice number series, which the transaction
        // then holds until it commits (other transactions issuing invoices wait for it).
        context.storage().subscriptions().updateAll(walks.stream().filter(walk -> walk.after() != walk.before())
                .map(Walk::after).toList());
        Iterator<Invoice> issued = invoicing.issueAll(drafts, companies, changes, onIssue).iterator();
        Invoice nextIssued = issued.hasNext() ? issued.next() : null;
        List<Advance> advances = new ArrayList<>(walks.size());
        for (Walk walk : walks) {
            List<InvoiceId> invoices = new ArrayList<>(1);
            for (Step step : walk.steps()) {
                if (step instanceof Happened happened) {
                    changes.record(happened.event());
                } else if (nextIssued != null && ((Billed) step).draft().id().equals(nextIssued.id())) {
                    invoicing.recordIssued(nextIssued, changes);
                    invoices.add(nextIssued.id());
                    nextIssued = issued.hasNext() ? issued.next() : null;
                }
            }
            advances.add(new Advance(walk.trialsEnded(), walk.renewals(), invoices, walk.cancelled()));
        }
        return advances;
    }

    /**
     * Works out, without writing, what is due for {@code subscription} by {@code now}: its events
     * and invoice drafts in order, and its state afterwards.
     */
    private Walk walk(Subscription subscription, Company company, Company payer, Instant now, Changes changes) {
        Timeline timeline = subscription.advanceTo(now, context::plan);
        List<Step> steps = new ArrayList<>(timeline.steps().size());
        PlanId plan = subscription.planId();
        int quantity = subscription.quantity();
        for (Timeline.Step step : timeline.steps()) {
            if (step instanceof Timeline.PeriodStarted period) {
                steps.add(new Billed(invoicing.draft(subscription, plan, quantity, company, payer, period)));
            } else {
                if (step instanceof Timeline.ChangeTookEffect change) {
                    plan = change.change().planId();
                    quantity = change.change().quantity();
                }
                steps.add(new Happened(event(step, timeline.after(), changes)));
            }
        }
        return new Walk(subscription, timeline.after(), steps, timeline.trialsEnded(), timeline.renewals(),
                timeline.cancelled());
    }

    /** The event of a step other than a period's start. */
    private static BillingEvent event(Timeline.Step step, Subscription after, Changes changes) {
        if (step instanceof Timeline.TrialEnded ended) {
            return new TrialEnded(changes.newId(), ended.at(), after.companyId(), after.id());
        }
        if (step instanceof Timeline.ContractRenewed renewed) {
            return new ContractRenewed(changes.newId(), renewed.at(), after.companyId(), after.id(), renewed.newEnd());
        }
        if (step instanceof Timeline.ChangeTookEffect change) {
            return new SubscriptionChanged(changes.newId(), changes.now(), after.companyId(), after.id(),
                    change.fromPlan(), change.fromQuantity(), change.change().planId(), change.change().quantity(),
                    change.at());
        }
        return cancelledEvent(after, step.at(), changes);
    }

    /**
     * Asks the environments port to erase a cancelled subscription's environment and data, and
     * records the confirmation. Never throws for a failing port: the erasure stays pending and the
     * billing run asks again.
     *
     * @param who whose change the erasure completes: the canceller, or the billing run
     * @return the erasure's status afterwards
     */
    public ErasureStatus erase(Subscription subscription, Who who) {
        if (subscription.erasure() != ErasureStatus.PENDING) {
            return subscription.erasure();
        }
        ErasureOutcome outcome;
        try {
            outcome = context.environments().decommissionAndErase(subscription.environmentId(), subscription.id());
        } catch (RuntimeException e) {
            LOG.warn("Erasing environment {} of subscription {} failed ({}); it will be retried",
                    subscription.environmentId(), subscription.id(), e.toString());
            LOG.debug("Erasure failure", e);
            return ErasureStatus.PENDING;
        }
        if (outcome != ErasureOutcome.ERASED) {
            return ErasureStatus.PENDING;
        }
        Instant now = context.now();
        return context.write(who, now, changes -> {
            Subscription current = context.storage().subscriptions().findById(subscription.id()).orElseThrow();
            if (current.erasure() == ErasureStatus.PENDING) {
                Subscription erased = context.storage().subscriptions().update(current.erasureConfirmedAt(now));
                changes.record(new SubscriptionDataErased(changes.newId(), now, erased.companyId(), erased.id(),
                        erased.environmentId()));
            }
            return ErasureStatus.CONFIRMED;
        });
    }
}
