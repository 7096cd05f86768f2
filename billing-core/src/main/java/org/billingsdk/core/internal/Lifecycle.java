package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.event.ContractRenewed;
import org.billingsdk.core.event.SubscriptionCancelled;
import org.billingsdk.core.event.SubscriptionDataErased;
import org.billingsdk.core.event.TrialEnded;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.port.ErasureOutcome;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
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

    /** Makes a cancellation take effect at {@code at}, inside the caller's transaction. */
    public Subscription cancel(Subscription subscription, Instant at, Changes changes) {
        Subscription cancelled = context.storage().subscriptions().update(subscription.cancelledAt(at));
        changes.record(new SubscriptionCancelled(changes.newId(), changes.now(), cancelled.companyId(),
                cancelled.id(), at));
        return cancelled;
    }

    /**
     * Does, in order, everything due for one subscription by {@code now}: a trial's end, contract
     * renewals, the invoice of every billing period that has started, and a scheduled cancellation
     * taking effect (a cancellation scheduled for the trial's or term's end wins over converting,
     * renewing or invoicing). Safe to call again and from several nodes: what is done is no longer
     * due, and a period is never invoiced twice.
     */
    public Advance advance(SubscriptionId id, Instant now) {
        return context.write(Who.BILLING_RUN, now, changes -> advance(id, now, changes, new HashMap<>()));
    }

    /**
     * Brings a page of subscriptions up to date in one transaction, as {@link #advance} does for
     * one. If it fails, nothing of it is kept: the caller advances them one by one instead.
     */
    public List<Advance> advanceAll(List<SubscriptionId> ids, Instant now) {
        return context.write(Who.BILLING_RUN, now, changes -> {
            Map<CompanyId, Company> companies = new HashMap<>();
            List<Advance> advances = new ArrayList<>(ids.size());
            for (SubscriptionId id : ids) {
                advances.add(advance(id, now, changes, companies));
            }
            return advances;
        });
    }

    private Advance advance(SubscriptionId id, Instant now, Changes changes, Map<CompanyId, Company> companies) {
        Optional<Subscription> found = context.storage().subscriptions().findById(id);
        if (found.isEmpty() || found.get().isCancelled()) {
            return Advance.NOTHING;
        }
        Subscription current = found.get();
        Subscription original = current;
        Plan plan = context.plan(current.planId());
        Company company = companies.computeIfAbsent(current.companyId(),
                companyId -> context.storage().companies().findById(companyId).orElseThrow());
        int trialsEnded = 0;
        int renewals = 0;
        List<InvoiceId> invoices = new ArrayList<>(1);
        Optional<Instant> due = current.nextDueAt();
        while (due.isPresent() && !due.get().isAfter(now)) {
            Instant at = due.get();
            if (at.equals(current.cancelAt())) {
                cancel(current, at, changes);
                return new Advance(trialsEnded, renewals, invoices, true);
            }
            if (current.state() == SubscriptionState.TRIALING && at.equals(current.trialEnd())) {
                current = current.trialEnded();
                trialsEnded++;
                changes.record(new TrialEnded(changes.newId(), at, current.companyId(), current.id()));
            } else if (at.equals(current.contractEnd())) {
                current = current.contractRenewed(plan.contractMonths(), at);
                renewals++;
                changes.record(new ContractRenewed(changes.newId(), at, current.companyId(), current.id(),
                        current.contractEnd()));
            } else {
                invoicing.issue(current, company, at, changes).ifPresent(invoice -> invoices.add(invoice.id()));
                current = current.invoicedThrough(current.periodEndAfter(at, plan.interval().months()));
            }
            due = current.nextDueAt();
        }
        if (current != original) {
            context.storage().subscriptions().update(current);
        }
        return new Advance(trialsEnded, renewals, invoices, false);
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
