package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.money.MonetaryAmount;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.InvoicePaid;
import org.billingsdk.core.event.InvoiceUncollectible;
import org.billingsdk.core.event.PaymentFailed;
import org.billingsdk.core.event.PaymentPending;
import org.billingsdk.core.event.PaymentRefundFailed;
import org.billingsdk.core.event.PaymentRefundPending;
import org.billingsdk.core.event.PaymentRefunded;
import org.billingsdk.core.event.PaymentSucceeded;
import org.billingsdk.core.event.SubscriptionPastDue;
import org.billingsdk.core.event.SubscriptionRecovered;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.Dunning;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.Settlement;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;

/**
 * Records what the payment provider answered or reported for payment attempts, by the rule
 * {@link Settlement#of} decides (at once after a charge, on reconciliation, from a webhook), and
 * moves the invoices' subscriptions on: past due after a decline, active again once their debts are
 * settled, cancelled (and then erased) when the dunning gives up. Thread-safe.
 */
public final class OutcomeRecording {

    private final Context context;
    private final Lifecycle lifecycle;
    private final Ledger ledger;

    public OutcomeRecording(Context context, Lifecycle lifecycle) {
        this.context = context;
        this.lifecycle = lifecycle;
        this.ledger = new Ledger(context);
    }

    /** An attempt and its invoice as the transaction that claimed the attempt stored them. */
    public record Claimed(Payment payment, Invoice invoice) {
    }

    /** What one recording transaction did: the statuses in the outcomes' order, and the subscriptions it cancelled. */
    private record Recorded(List<PaymentStatus> statuses, List<Subscription> cancelled) {
    }

    /**
     * Records the provider's answer to the refund of a paid attempt, or a later report of it, by the
     * rule of {@link Payment#withRefund}, with the event of the step: {@link PaymentRefunded},
     * {@link PaymentRefundPending} or {@link PaymentRefundFailed}. A report that changes nothing
     * writes nothing.
     *
     * @param current the attempt as stored, read in this transaction
     * @return the attempt afterwards
     */
    public Payment recordRefund(Payment current, RefundOutcome outcome, Instant now, Changes changes) {
        Payment next = current.withRefund(outcome, now);
        if (next == current) {
            return current;
        }
        Payment stored = context.storage().payments().update(next);
        BillingEvent event = switch (next.status()) {
            case REFUNDED -> new PaymentRefunded(changes.newId(), now, current.companyId(), current.invoiceId(),
                    current.attempt(), next.refundReference(), current.amount());
            case REFUND_PENDING -> new PaymentRefundPending(changes.newId(), now, current.companyId(),
                    current.invoiceId(), current.attempt(), next.refundReference(), current.amount());
            case REFUND_FAILED -> new PaymentRefundFailed(changes.newId(), now, current.companyId(),
                    current.invoiceId(), current.attempt(), next.refundReference(), current.amount(),
                    textOf(next.failureCode()));
            default -> throw new IllegalStateException("a refund left payment " + current.id() + " " + next.status());
        };
        changes.record(event);
        return stored;
    }

    /**
     * Records the outcome of the attempt with {@code idempotencyKey}. Recording the same final
     * outcome twice changes nothing the second time.
     *
     * @return the attempt's status afterwards
     * @throws NotFoundException if no attempt was made under that key
     */
    public PaymentStatus record(IdempotencyKey idempotencyKey, ChargeOutcome outcome, Instant now, Who who) {
        return recordAll(Map.of(idempotencyKey, outcome), now, who, Map.of()).get(0);
    }

    /**
     * Records several outcomes in one transaction, as {@link #record} does one, then asks for the
     * erasure of the subscriptions the dunning cancelled.
     *
     * @param claimed the claims these outcomes answer, by idempotency key, as their transaction
     *     stored them: the first try takes their invoices and attempts from here instead of reading
     *     them again (a versioned update still refuses any of them changed since, and the next try
     *     reads them all); empty to read everything
     * @return the attempts' statuses afterwards, in the outcomes' order
     */
    public List<PaymentStatus> recordAll(Map<IdempotencyKey, ChargeOutcome> outcomes, Instant now, Who who,
            Map<IdempotencyKey, Claimed> claimed) {
        Recorded recorded = context.write(who, now,
                changes -> recordAllIn(outcomes, now, changes, changes.attempt() == 1 ? claimed : Map.of()));
        for (Subscription subscription : recorded.cancelled()) {
            lifecycle.erase(subscription, who);
        }
        return recorded.statuses();
    }

    /**
     * Records outcomes inside the caller's transaction. The common case (a success settling an open
     * invoice whose subscriptions are in good standing) is written for all at once; the others go
     * through {@link #recordIn} one by one afterwards, reading what the batch wrote. Both decide by
     * {@link Settlement#of}.
     */
    private Recorded recordAllIn(Map<IdempotencyKey, ChargeOutcome> outcomes, Instant now, Changes changes,
            Map<IdempotencyKey, Claimed> claimed) {
        Map<IdempotencyKey, Payment> payments = new HashMap<>();
        Map<InvoiceId, Invoice> invoices = new HashMap<>();
        for (IdempotencyKey key : outcomes.keySet()) {
            Claimed claim = claimed.get(key);
            if (claim != null) {
                payments.put(key, claim.payment());
                invoices.put(claim.invoice().id(), claim.invoice());
            }
        }
        if (payments.size() < outcomes.size()) {
            payments.putAll(byKey(context.storage().payments().findAllByIdempotencyKey(outcomes.keySet().stream()
                    .filter(key -> !payments.containsKey(key)).toList()), Payment::idempotencyKey));
            invoices.putAll(byKey(context.storage().invoices().findAllById(payments.values().stream()
                    .filter(payment -> !payment.status().isFinal() && !invoices.containsKey(payment.invoiceId()))
                    .map(Payment::invoiceId).toList()), Invoice::id));
        }
        Map<SubscriptionId, Subscription> subscriptions = byKey(context.storage().subscriptions()
                .findAllById(invoices.values().stream().flatMap(invoice -> invoice.lines().stream())
                        .map(InvoiceLine::subscriptionId).distinct().toList()), Subscription::id);
        Map<IdempotencyKey, PaymentStatus> statuses = new HashMap<>();
        List<Payment> succeeded = new ArrayList<>();
        List<Invoice> paid = new ArrayList<>();
        List<IdempotencyKey> oneByOne = new ArrayList<>();
        List<Ledger.Movement> overpaid = new ArrayList<>();
        outcomes.forEach((key, outcome) -> {
            Payment payment = payments.get(key);
            if (payment == null) {
                throw new NotFoundException(EntityKind.PAYMENT, key);
            }
            if (payment.status().isFinal()) {
                statuses.put(key, payment.status());
                return;
            }
            Invoice invoice = invoices.get(payment.invoiceId());
            Settlement settlement = invoice == null ? null
                    : Settlement.of(payment, outcome, invoice, context.terms(), now);
            if (settlement instanceof Settlement.Paid settles && inGoodStanding(invoice, subscriptions)) {
                succeeded.add(settles.payment());
                paid.add(settles.invoice());
                recordPaid(invoice, settles.payment(), now, changes);
                overpayment(settles.payment(), settles.overpaid()).ifPresent(overpaid::add);
                statuses.put(key, PaymentStatus.SUCCEEDED);
            } else {
                oneByOne.add(key);
            }
        });
        context.storage().payments().updateAll(succeeded);
        context.storage().invoices().updateAll(paid);
        ledger.move(overpaid, changes);
        List<Subscription> cancelled = new ArrayList<>();
        for (IdempotencyKey key : oneByOne) {
            statuses.put(key, recordIn(key, outcomes.get(key), now, changes, cancelled));
        }
        return new Recorded(outcomes.keySet().stream().map(statuses::get).toList(), cancelled);
    }

    /** Whether none of the invoice's subscriptions is past due: a payment then recovers none of them. */
    private static boolean inGoodStanding(Invoice invoice, Map<SubscriptionId, Subscription> subscriptions) {
        return invoice.lines().stream().map(line -> subscriptions.get(line.subscriptionId()))
                .noneMatch(subscription -> subscription != null && subscription.state() == SubscriptionState.PAST_DUE);
    }

    /** Records one outcome inside the caller's transaction; subscriptions it cancels go to {@code cancelled}. */
    private PaymentStatus recordIn(IdempotencyKey idempotencyKey, ChargeOutcome outcome, Instant now, Changes changes,
            List<Subscription> cancelled) {
        Payment payment = context.storage().payments().findByIdempotencyKey(idempotencyKey).orElseThrow();
        if (payment.status().isFinal()) {
            return payment.status();
        }
        Invoice invoice = context.storage().invoices().findById(payment.invoiceId()).orElseThrow();
        Settlement settlement = Settlement.of(payment, outcome, invoice, context.terms(), now);
        Payment recorded = context.storage().payments().update(settlement.payment());
        if (settlement instanceof Settlement.Paid settles) {
            Invoice paid = context.storage().invoices().update(settles.invoice());
            recordPaid(invoice, recorded, now, changes);
            overpayment(recorded, settles.overpaid()).ifPresent(move -> ledger.move(List.of(move), changes));
            debtSettled(paid, changes);
        } else if (settlement instanceof Settlement.Pending pending) {
            context.storage().invoices().update(pending.invoice());
            if (pending.newlyPending()) {
                changes.record(new PaymentPending(changes.newId(), now, invoice.companyId(), invoice.id(),
                        payment.attempt(), recorded.providerReference()));
            }
        } else if (settlement instanceof Settlement.Unknown unknown) {
            context.storage().invoices().update(unknown.invoice());
        } else if (settlement instanceof Settlement.Declined declined) {
            cancelled.addAll(declined(declined, now, changes));
        } else if (settlement instanceof Settlement.AttemptOnly only) {
            overpayment(recorded, only.overpaid()).ifPresent(move -> ledger.move(List.of(move), changes));
        } else {
            throw new IllegalStateException("an outcome recorded one by one cannot be " + settlement);
        }
        return recorded.status();
    }

    /** The credit for what a payment took beyond what its invoice owed, if anything. */
    private static Optional<Ledger.Movement> overpayment(Payment payment, MonetaryAmount overpaid) {
        return overpaid.isPositive()
                ? Optional.of(new Ledger.Movement(payment.companyId(), overpaid, CreditEntry.Kind.OVERPAYMENT, null,
                        payment.invoiceId()))
                : Optional.empty();
    }

    private static void recordPaid(Invoice invoice, Payment payment, Instant now, Changes changes) {
        changes.record(new PaymentSucceeded(changes.newId(), now, invoice.companyId(), invoice.id(), payment.attempt(),
                payment.providerReference()));
        changes.record(new InvoicePaid(changes.newId(), now, invoice.companyId(), invoice.id(),
                invoice.number()));
    }

    /**
     * Returns the invoice's past-due subscriptions to active once it is settled (paid or voided),
     * unless another of their invoices is still declined. Inside the caller's transaction.
     */
    public void debtSettled(Invoice settled, Changes changes) {
        List<Subscription> pastDue = subscriptionsOf(settled).stream()
                .filter(subscription -> subscription.state() == SubscriptionState.PAST_DUE).toList();
        if (pastDue.isEmpty()) {
            return;
        }
        Set<SubscriptionId> stillOwing = owingElsewhere(pastDue, settled);
        List<Subscription> recovered = new ArrayList<>();
        for (Subscription subscription : pastDue) {
            if (!stillOwing.contains(subscription.id())) {
                recovered.add(subscription.recovered());
                changes.record(new SubscriptionRecovered(changes.newId(), changes.now(), subscription.companyId(),
                        subscription.id(), settled.id()));
            }
        }
        context.storage().subscriptions().updateAll(recovered);
    }

    /**
     * Those of {@code subscriptions} that another open invoice bills whose last attempt was
     * declined: their debt is not settled. Their open invoices and those invoices' payments are
     * read at once, whatever the number of subscriptions.
     */
    private Set<SubscriptionId> owingElsewhere(List<Subscription> subscriptions, Invoice settled) {
        List<Invoice> others = context.storage().invoices().findOpenBySubscriptions(
                subscriptions.stream().map(Subscription::id).toList()).stream()
                .filter(other -> !other.id().equals(settled.id()) && other.paymentAttempts() > 0).toList();
        if (others.isEmpty()) {
            return Set.of();
        }
        Map<InvoiceId, Invoice> byId = byKey(others, Invoice::id);
        Set<InvoiceId> declined = new HashSet<>();
        for (Payment payment : context.storage().payments().findByInvoices(List.copyOf(byId.keySet()))) {
            Invoice other = byId.get(payment.invoiceId());
            if (other != null && payment.attempt() == other.paymentAttempts()
                    && payment.status() == PaymentStatus.DECLINED) {
                declined.add(other.id());
            }
        }
        Set<SubscriptionId> owing = new HashSet<>();
        for (InvoiceId id : declined) {
            byId.get(id).lines().forEach(line -> owing.add(line.subscriptionId()));
        }
        return owing;
    }

    /**
     * Stores what the dunning decided after a decline: the invoice with its retry (or none) or
     * uncollectible, and its subscriptions past due, or cancelled when it gives up.
     *
     * @return the subscriptions cancelled, whose erasure is asked for after the commit
     */
    private List<Subscription> declined(Settlement.Declined declined, Instant now, Changes changes) {
        Invoice invoice = context.storage().invoices().update(declined.invoice());
        Payment payment = declined.payment();
        changes.record(new PaymentFailed(changes.newId(), now, invoice.companyId(), invoice.id(), payment.attempt(),
                textOf(payment.failureCode()), declined.dunning().nextAttempt().orElse(null)));
        boolean giveUp = declined.dunning() instanceof Dunning.GiveUp;
        if (giveUp) {
            changes.record(new InvoiceUncollectible(changes.newId(), now, invoice.companyId(), invoice.id(),
                    invoice.number()));
        }
        List<Subscription> cancelled = new ArrayList<>();
        // Every subscription on the invoice (all those a consolidated invoice bills) at once.
        List<Subscription> pastDue = new ArrayList<>();
        for (Subscription subscription : subscriptionsOf(invoice)) {
            if (giveUp && !subscription.isCancelled()) {
                cancelled.add(lifecycle.cancel(subscription, now, changes));
            } else if (subscription.state() == SubscriptionState.ACTIVE) {
                pastDue.add(subscription.pastDue());
                changes.record(new SubscriptionPastDue(changes.newId(), now, subscription.companyId(),
                        subscription.id(), invoice.id()));
            }
        }
        context.storage().subscriptions().updateAll(pastDue);
        return cancelled;
    }

    /** The invoice's subscriptions, read at once, in the order of its lines. */
    private List<Subscription> subscriptionsOf(Invoice invoice) {
        List<SubscriptionId> ids = invoice.lines().stream().map(InvoiceLine::subscriptionId).distinct().toList();
        Map<SubscriptionId, Subscription> read = byKey(context.storage().subscriptions().findAllById(ids),
                Subscription::id);
        return ids.stream().map(read::get).filter(Objects::nonNull).toList();
    }

    static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
        Map<K, V> map = new HashMap<>();
        values.forEach(value -> map.put(key.apply(value), value));
        return map;
    }

    /** A decline code as the events carry it: its text, or {@code null}. */
    private static String textOf(DeclineCode code) {
        return code == null ? null : code.value();
    }
}
