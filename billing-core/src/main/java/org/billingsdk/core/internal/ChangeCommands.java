package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.PortException;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.change.Change;
import org.billingsdk.core.change.ChangePreview;
import org.billingsdk.core.change.ChangeResult;
import org.billingsdk.core.change.RevokeChangeResult;
import org.billingsdk.core.change.SubscriptionChanges;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteLine;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.credit.Creditable;
import org.billingsdk.core.event.ChangeScheduled;
import org.billingsdk.core.event.ScheduledChangeRevoked;
import org.billingsdk.core.event.SubscriptionChanged;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.subscription.ChangeDecision;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes of plan and quantity of {@link SubscriptionChanges}. A change is decided by
 * {@link Subscription#decideChange}, asked of the environments port outside any transaction, then
 * decided again and stored in one transaction with the documents it issues: the invoice of an
 * immediate change (its credit line from {@link Creditable#unusedTime}, its charge line from
 * {@link Invoice#draftForRest}), or the credit note when the credit is the larger. The preview works
 * out the same documents without writing them. Thread-safe.
 */
public final class ChangeCommands implements SubscriptionChanges {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeCommands.class);

    private final Context context;
    private final Invoicing invoicing;
    private final Charging charging;
    private final CreditsService credits;
    private final SubscriptionAccess access;
    private final Ledger ledger;

    public ChangeCommands(Context context, Lifecycle lifecycle, Invoicing invoicing, Charging charging,
            CreditsService credits) {
        this.context = Objects.requireNonNull(context);
        this.invoicing = Objects.requireNonNull(invoicing);
        this.charging = Objects.requireNonNull(charging);
        this.credits = Objects.requireNonNull(credits);
        this.access = new SubscriptionAccess(context, Objects.requireNonNull(lifecycle));
        this.ledger = new Ledger(context);
    }

    /** The change asked for, resolved against the subscription: its target plan and quantity. */
    private record Target(Plan current, Plan plan, int quantity) {
    }

    private Target target(Subscription subscription, Change change) {
        Plan current = context.plan(subscription.planId());
        Plan plan = change.planId() == null ? current : context.plan(change.planId());
        return new Target(current, plan, change.quantity() == 0 ? subscription.quantity() : change.quantity());
    }

    private static ChangeDecision decide(Subscription subscription, Target target, Change change, Instant now) {
        return subscription.decideChange(now, target.current(), target.plan(), target.quantity(), change.timing());
    }

    @Override
    public ChangeResult change(Actor actor, SubscriptionId subscriptionId, Change change) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(change, "change").requireValid();
        for (int attempt = 1; ; attempt++) {
            Optional<ChangeResult> done = attempt(actor, subscriptionId, change);
            if (done.isPresent()) {
                return done.get();
            }
            if (attempt == ATTEMPTS) {
                throw new ConcurrentUpdateException("changes.change of subscription " + subscriptionId
                        + ", which kept changing while the environments port was asked", null);
            }
        }
    }

    /** How many times a change is asked of the environments port again when the subscription changed meanwhile. */
    private static final int ATTEMPTS = 3;

    /**
     * Decides, asks the environments port and makes the change; empty when the subscription changed
     * between the port's answer and the change's transaction so that the change made would not be
     * the one the port was asked about (another plan, quantity or date): the caller asks again.
     */
    private Optional<ChangeResult> attempt(Actor actor, SubscriptionId subscriptionId, Change change) {
        Instant now = context.now();
        access.bringUpToDate(actor, subscriptionId, now);
        Subscription read = context.read(() -> access.reach(actor, subscriptionId));
        Target asked = target(read, change);
        ChangeDecision first = decide(read, asked, change, now);
        if (first instanceof ChangeDecision.Refused refused) {
            return Optional.of(new ChangeResult.Refused(subscriptionId, refused.reason()));
        }
        Instant effective = effectiveOn(first, now);
        Optional<String> portRefusal = askEnvironment(read, asked, effective);
        if (portRefusal.isPresent()) {
            return Optional.of(new ChangeResult.Refused(subscriptionId, new Refusal(RefusalCode.ENVIRONMENT_REFUSED,
                    portRefusal.get())));
        }
        ChangeResult result = context.write(Who.of(actor), now, changes -> {
            Subscription subscription = access.reach(actor, subscriptionId);
            access.requireNotPartnerManaged(actor, subscription);
            Target target = target(subscription, change);
            ChangeDecision decision = decide(subscription, target, change, now);
            ScheduledChange replaced = subscription.scheduledChange();
            if (decision instanceof ChangeDecision.Refused refused) {
                return new ChangeResult.Refused(subscriptionId, refused.reason());
            }
            if (!target.plan().id().equals(asked.plan().id()) || target.quantity() != asked.quantity()
                    || !effectiveOn(decision, now).equals(effective)) {
                return null;
            }
            if (replaced != null) {
                changes.record(new ScheduledChangeRevoked(changes.newId(), now, subscription.companyId(),
                        subscriptionId, replaced.planId(), replaced.quantity(), replaced.effectiveOn(),
                        ScheduledChangeRevoked.Why.REPLACED));
            }
            if (decision instanceof ChangeDecision.Scheduled scheduled) {
                ScheduledChange next = scheduled.change();
                context.storage().subscriptions().update(subscription.scheduleChange(next));
                changes.record(new ChangeScheduled(changes.newId(), now, subscription.companyId(), subscriptionId,
                        next.planId(), next.quantity(), next.effectiveOn()));
                return new ChangeResult.Scheduled(subscriptionId, next, replaced);
            }
            Documents documents = documents(subscription, target, now,
                    ((ChangeDecision.Immediate) decision).prorated());
            Subscription stored = context.storage().subscriptions().update(documents.after());
            // The invoice whose line this change credits moves on a version, so that a credit note issued on
            // it at once, here or on another node, reads this credit, or runs again.
            documents.creditedOnTheInvoice().ifPresent(credited -> context.storage().invoices().update(credited));
            changes.record(new SubscriptionChanged(changes.newId(), now, subscription.companyId(), subscriptionId,
                    subscription.planId(), subscription.quantity(), target.plan().id(), target.quantity(), now));
            CreditNote note = documents.credit().map(credit -> credits.issueIn(credit.invoice(), credit.request(),
                    changes, () -> context.storage().invoices().findById(credit.invoice().id()).orElseThrow()))
                    .orElse(null);
            Invoice issued = documents.invoice().flatMap(draft -> invoicing.issue(draft, changes)).orElse(null);
            return new ChangeResult.Applied(subscriptionId, stored, issued, note, replaced);
        });
        if (result == null) {
            return Optional.empty();
        }
        if (!(result instanceof ChangeResult.Applied applied)) {
            return Optional.of(result);
        }
        Invoice invoice = applied.invoice();
        if (invoice != null && invoice.amountDue().isPositive()) {
            try {
                charging.collect(invoice.id(), context.now(), Who.of(actor));
            } catch (RuntimeException e) {
                LOG.warn("Charging invoice {} of the change of subscription {} failed ({}); the billing run charges it",
                        invoice.number(), subscriptionId, e.toString());
            }
        }
        return Optional.of(context.read(() -> {
            // The documents are the payer's: an actor who does not reach it does not see them.
            boolean shown = invoice != null ? context.access().reaches(actor, invoice.companyId())
                    : applied.creditNote() == null || context.access().reaches(actor, applied.creditNote().companyId());
            return new ChangeResult.Applied(subscriptionId,
                    context.storage().subscriptions().findById(subscriptionId).orElseThrow(),
                    invoice == null || !shown ? null
                            : context.storage().invoices().findById(invoice.id()).orElseThrow(),
                    shown ? applied.creditNote() : null, applied.replaced());
        }));
    }

    /** When a decided change takes effect: now, or its date. */
    private static Instant effectiveOn(ChangeDecision decision, Instant now) {
        return decision instanceof ChangeDecision.Scheduled scheduled ? scheduled.change().effectiveOn() : now;
    }

    /** Asks the environments port whether the change can be made; outside any transaction. */
    private Optional<String> askEnvironment(Subscription subscription, Target target, Instant effective) {
        Optional<String> refusal;
        try {
            refusal = context.environments().refusalToChange(subscription.environmentId(), subscription.id(),
                    target.plan().id(), target.quantity(), effective);
        } catch (RuntimeException e) {
            throw new PortException("environments.refusalToChange", "could not ask whether subscription "
                    + subscription.id() + " can change", e);
        }
        if (refusal == null) {
            throw new PortException("environments.refusalToChange", "the environments port answered null for "
                    + "subscription " + subscription.id(), null);
        }
        return refusal.map(reason -> reason.isBlank() ? "The product environment cannot take this change." : reason);
    }

    /** The credit note an immediate change issues when its credit is worth more than its charge. */
    private record CreditPlan(Invoice invoice, CreditRequest request, List<CreditNoteLine> lines) {
    }

    /** What an immediate change writes: the subscription after it, and the documents it issues. */
    private record Documents(Subscription after, Optional<Invoice> invoice, Optional<CreditPlan> credit,
            Optional<Invoice> creditedOnTheInvoice) {

        Documents(Subscription after, Optional<Invoice> invoice) {
            this(after, invoice, Optional.empty(), Optional.empty());
        }
    }

    /**
     * Works out, without writing, what an immediate change issues, in the caller's transaction or
     * read. Not prorated (a trial): the subscription changes, and whatever time then brings at once
     * is invoiced. Prorated: the line that charged the time from now to the period's end
     * ({@link CreditsService#chargedAt}) is credited for its unused time, and the new plan and
     * quantity charged for the rest of the period (a change of interval: for a whole new period from
     * now), on one invoice; when the credit is the larger, it is a credit note on the invoice that
     * charged it instead, and the charge an invoice of its own.
     */
    private Documents documents(Subscription subscription, Target target, Instant now, boolean prorated) {
        Subscription after = subscription.changedTo(target.current(), target.plan(), target.quantity(), now);
        Company company = context.storage().companies().findById(subscription.companyId()).orElseThrow();
        Company buyer = invoicing.payerOf(company);
        Product product = context.product(target.plan().productCode());
        Timeline timeline = after.advanceTo(now, context::plan, buyer.billingDay());
        if (!prorated) {
            return new Documents(timeline.after(), timeline.periodsStarted().stream().findFirst()
                    .map(started -> invoicing.draft(timeline.after(), company, buyer, started)));
        }
        Instant periodEnd = subscription.invoicedThrough();
        Instant periodStart = subscription.wholePeriodStartAt(now, target.current().interval().months());
        // A change of interval charges a whole new period from now: as a period's line, unless a
        // period of the old interval started at this very instant (and keeps that key), when it is
        // charged as the rest of the time from now, which is all of it.
        Optional<Invoice> period = timeline.periodsStarted().stream().findFirst()
                .map(started -> started.at().equals(periodStart)
                        ? Invoicing.forCompany(Invoice.draftForRest(buyer, context.seller(), context.vatRules(),
                                subscription.id(), target.plan(), target.quantity(), product, started.at(),
                                started.end(), now, product.name()), company, buyer)
                        : invoicing.draft(timeline.after(), company, buyer, started));
        Invoice charge = period.orElseGet(() -> Invoicing.forCompany(Invoice.draftForRest(buyer, context.seller(),
                context.vatRules(), subscription.id(), target.plan(), target.quantity(), product, periodStart,
                periodEnd, now, "Remaining time on " + product.name()), company, buyer));
        Optional<CreditsService.Charged> charged = credits.chargedAt(subscription.id(), periodEnd, now);
        if (charged.isEmpty()) {
            return new Documents(timeline.after(), Optional.of(charge));
        }
        Invoice chargedInvoice = charged.get().invoice();
        int line = charged.get().line();
        Creditable creditable = credits.creditableOf(chargedInvoice);
        Optional<InvoiceLine> unused = creditable.unusedTime(line, now, "Unused time on " + product.name());
        if (unused.isEmpty()) {
            return new Documents(timeline.after(), Optional.of(charge));
        }
        if (!charge.total().add(unused.get().gross()).isNegative()) {
            return new Documents(timeline.after(), Optional.of(charge.withLinesFirst(List.of(unused.get()))),
                    Optional.empty(), Optional.of(chargedInvoice));
        }
        MonetaryAmount amount = creditable.unusedAt(line, now);
        CreditRequest request = CreditRequest.of(CreditReason.PLAN_CHANGE,
                CreditsService.destinationFor(chargedInvoice),
                amount.isLessThan(creditable.net(line)) ? CreditRequest.Line.of(line, amount)
                        : CreditRequest.Line.remainderOf(line));
        return new Documents(timeline.after(), Optional.of(charge),
                Optional.of(new CreditPlan(chargedInvoice, request, creditable.linesFor(request))), Optional.empty());
    }

    @Override
    public ChangePreview preview(Actor actor, SubscriptionId subscriptionId, Change change) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(change, "change").requireValid();
        Instant now = context.now();
        access.bringUpToDate(actor, subscriptionId, now);
        return context.read(() -> {
            Subscription subscription = access.reach(actor, subscriptionId);
            Target target = target(subscription, change);
            ChangeDecision decision = decide(subscription, target, change, now);
            if (decision instanceof ChangeDecision.Refused refused) {
                return new ChangePreview.Refused(subscriptionId, refused.reason());
            }
            if (decision instanceof ChangeDecision.Scheduled scheduled) {
                return new ChangePreview.Scheduled(subscriptionId, scheduled.change());
            }
            Documents documents = documents(subscription, target, now,
                    ((ChangeDecision.Immediate) decision).prorated());
            ChangePreview.Credit credit = documents.credit().map(plan -> new ChangePreview.Credit(plan.invoice().id(),
                    plan.invoice().number(), plan.request().destination(), plan.lines(),
                    CreditsService.gross(plan.lines())))
                    .orElse(null);
            Invoice invoice = documents.invoice().filter(Invoicing::issuable).map(draft -> {
                MonetaryAmount balance = Ledger.balance(ledger.latest(List.of(draft.companyId())), draft.companyId(),
                        draft.total());
                MonetaryAmount available = documents.credit().isEmpty() ? balance
                        : balance.add(toBalance(documents.credit().get(), credit));
                return available.isPositive() ? draft.withCreditApplied(available) : draft;
            }).orElse(null);
            boolean shown = invoice != null ? context.access().reaches(actor, invoice.companyId())
                    : credit == null || documents.credit().map(plan -> context.access().reaches(actor,
                            plan.invoice().companyId())).orElse(true);
            // The documents are the payer's: an actor who does not reach it does not see them.
            return shown ? new ChangePreview.Immediate(subscriptionId, invoice, credit)
                    : new ChangePreview.Immediate(subscriptionId, null, null);
        });
    }

    /** What the credit note of a change puts on the balance, as {@link CreditsService#issueIn} does. */
    private static MonetaryAmount toBalance(CreditPlan plan, ChangePreview.Credit credit) {
        if (credit.destination() == CreditDestination.BALANCE) {
            return credit.total();
        }
        MonetaryAmount due = plan.invoice().amountDue();
        return credit.total().isGreaterThan(due) ? credit.total().subtract(due) : due.multiply(0);
    }

    @Override
    public RevokeChangeResult revoke(Actor actor, SubscriptionId subscriptionId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Instant now = context.now();
        access.bringUpToDate(actor, subscriptionId, now);
        return context.write(Who.of(actor), now, changes -> {
            Subscription subscription = access.reach(actor, subscriptionId);
            access.requireNotPartnerManaged(actor, subscription);
            Optional<Refusal> refusal = subscription.refusalToRevokeChange(now);
            if (refusal.isPresent()) {
                return new RevokeChangeResult.Refused(subscriptionId, refusal.get());
            }
            ScheduledChange revoked = subscription.scheduledChange();
            context.storage().subscriptions().update(subscription.withoutScheduledChange());
            changes.record(new ScheduledChangeRevoked(changes.newId(), now, subscription.companyId(), subscriptionId,
                    revoked.planId(), revoked.quantity(), revoked.effectiveOn(), ScheduledChangeRevoked.Why.REVOKED));
            return new RevokeChangeResult.Revoked(subscriptionId, revoked);
        });
    }
}
