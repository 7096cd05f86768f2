package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /**
     * What bringing a page of subscriptions up to date did: each one's advance, and the payers with
     * a billing day whose subscriptions were left for {@link #advancePayer}, which bills them on
     * one consolidated invoice per period start.
     *
     * @param advances what was done to each subscription advanced, in no particular order
     * @param payersBilledOnADay the payers of the subscriptions left, each once, in the page's order
     */
    public record Page(List<Advance> advances, List<CompanyId> payersBilledOnADay) {
        static final Page NOTHING = new Page(List.of(), List.of());
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
        Page page = context.write(Who.BILLING_RUN, now,
                changes -> advanceAll(List.of(id), now, changes, Invoicing.OnIssue.NOTHING));
        if (!page.payersBilledOnADay().isEmpty()) {
            // Billed on its payer's day: every subscription the payer pays is brought up to date with
            // it, so that what starts together is still invoiced together.
            CompanyId payer = page.payersBilledOnADay().get(0);
            List<Advance> advances = context.write(Who.BILLING_RUN, now,
                    changes -> advancePayer(payer, now, changes, Invoicing.OnIssue.NOTHING));
            return advances.isEmpty() ? Advance.NOTHING : advances.get(0);
        }
        return page.advances().stream().findFirst().orElse(Advance.NOTHING);
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
    public Page advanceAll(List<SubscriptionId> ids, Instant now, Changes changes,
            Invoicing.OnIssue onIssue) {
        return advanceRead(context.storage().subscriptions().findAllById(ids), now, changes, onIssue);
    }

    /**
     * {@link #advanceAll} of subscriptions already read, such as those the billing run has just
     * claimed: one changed since fails the transaction as a lost race (its update is versioned),
     * and the caller's next try reads them afresh with {@link #advanceAll}. A subscription whose
     * payer has a billing day is left as it is, its payer named in the answer: the caller brings it
     * up to date with the payer's others ({@link #advancePayer}).
     */
    public Page advanceRead(List<Subscription> read, Instant now, Changes changes,
            Invoicing.OnIssue onIssue) {
        List<Subscription> live = read.stream().filter(subscription -> !subscription.isCancelled()).toList();
        if (live.isEmpty()) {
            return Page.NOTHING;
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
        Set<CompanyId> billedOnADay = new LinkedHashSet<>();
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
            if (payer.billingDay() != null) {
                billedOnADay.add(payer.id());
                continue;
            }
            walks.add(walk(subscription, company, payer, now, changes));
        }
        return new Page(write(walks, companies, changes, onIssue, false), List.copyOf(billedOnADay));
    }

    /**
     * Brings every subscription {@code payerId} pays (its own and those of the companies it pays
     * for) that is due by {@code now} up to date inside the caller's transaction, as
     * {@link #advanceRead} does, reading and writing each kind of row at once, and invoices the
     * periods that start at the same instant on one consolidated invoice: a section per company,
     * the payer's own first, then by company name, each company's subscriptions by their start.
     * The payer's row is written first, so that two nodes billing the payer at once take turns and
     * the second finds nothing left to bill.
     *
     * @return what was done to each subscription, each consolidated invoice counted on one of them;
     *     empty when nothing was due
     */
    public List<Advance> advancePayer(CompanyId payerId, Instant now, Changes changes, Invoicing.OnIssue onIssue) {
        Map<CompanyId, Company> companies = new HashMap<>();
        for (Company company : context.storage().companies().findSubtree(payerId)) {
            if (company.payer().equals(payerId)) {
                companies.put(company.id(), company);
            }
        }
        Company payer = companies.get(payerId);
        if (payer == null) {
            return List.of();
        }
        List<Subscription> due = context.storage().subscriptions().findByCompanies(companies.keySet()).stream()
                .filter(subscription -> subscription.nextDueAt().filter(at -> !at.isAfter(now)).isPresent())
                .sorted(Comparator.comparing((Subscription subscription) -> !subscription.companyId().equals(payerId))
                        .thenComparing(subscription -> companies.get(subscription.companyId()).name())
                        .thenComparing(subscription -> subscription.companyId().value())
                        .thenComparing(Subscription::startedAt)
                        .thenComparing(subscription -> subscription.id().value()))
                .toList();
        if (due.isEmpty()) {
            return List.of();
        }
        companies.put(payerId, context.storage().companies().update(payer));
        List<Walk> walks = new ArrayList<>(due.size());
        for (Subscription subscription : due) {
            Company company = companies.get(subscription.companyId());
            walks.add(walk(subscription, company, companies.get(payerId), now, changes));
        }
        return write(walks, companies, changes, onIssue, true);
    }

    /**
     * Writes what the walks worked out inside the caller's transaction: the subscriptions, then the
     * invoices (each draft on its own, or those starting at the same instant consolidated), then
     * the events in their order.
     */
    private List<Advance> write(List<Walk> walks, Map<CompanyId, Company> companies, Changes changes,
            Invoicing.OnIssue onIssue, boolean consolidate) {
        List<Invoice> drafts = new ArrayList<>();
        for (Walk walk : walks) {
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
        if (consolidate) {
            return writeConsolidated(walks, drafts, companies, changes, onIssue);
        }
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
     * Issues the drafts of a payer's walks consolidated, one invoice per period start (the earliest
     * first), and records the walks' events, then the invoices'.
     */
    private List<Advance> writeConsolidated(List<Walk> walks, List<Invoice> drafts, Map<CompanyId, Company> companies,
            Changes changes, Invoicing.OnIssue onIssue) {
        Map<Instant, List<Invoice>> byStart = new TreeMap<>();
        for (Invoice draft : drafts) {
            byStart.computeIfAbsent(draft.lines().get(0).periodStart(), start -> new ArrayList<>()).add(draft);
        }
        List<Invoice> consolidated = byStart.values().stream().map(Invoice::consolidated).toList();
        List<Invoice> issued = invoicing.issueAll(consolidated, companies, changes, onIssue);
        List<Advance> advances = new ArrayList<>(walks.size());
        for (Walk walk : walks) {
            for (Step step : walk.steps()) {
                if (step instanceof Happened happened) {
                    changes.record(happened.event());
                }
            }
            advances.add(new Advance(walk.trialsEnded(), walk.renewals(),
                    advances.isEmpty() ? issued.stream().map(Invoice::id).toList() : List.of(), walk.cancelled()));
        }
        issued.forEach(invoice -> invoicing.recordIssued(invoice, changes));
        return advances;
    }

    /**
     * Works out, without writing, what is due for {@code subscription} by {@code now}: its events
     * and invoice drafts in order, and its state afterwards.
     */
    private Walk walk(Subscription subscription, Company company, Company payer, Instant now, Changes changes) {
        Timeline timeline = subscription.advanceTo(now, context::plan, payer.billingDay());
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
