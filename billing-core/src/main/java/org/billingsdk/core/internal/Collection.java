package org.billingsdk.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.event.InvoicePaid;
import org.billingsdk.core.event.InvoiceUncollectible;
import org.billingsdk.core.event.PaymentFailed;
import org.billingsdk.core.event.PaymentPending;
import org.billingsdk.core.event.PaymentSucceeded;
import org.billingsdk.core.event.SubscriptionPastDue;
import org.billingsdk.core.event.SubscriptionRecovered;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.DunningPolicy;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentId;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects open invoices: charges the company's default payment method with an idempotency key
 * derived from invoice and attempt, records the outcome, and runs the dunning that follows a
 * failure. An attempt is recorded before the provider is called, so that a crash or a lost answer
 * is reconciled later with the same key and never charged under a new one. Thread-safe, and safe
 * on several nodes: claiming an attempt is a versioned update of the invoice.
 */
public final class Collection {

    private static final Logger LOG = LoggerFactory.getLogger(Collection.class);

    /** How long an unknown outcome waits before it is reconciled with the same key. */
    static final Duration RECONCILE_UNKNOWN_AFTER = Duration.ofHours(1);
    /** How long a retry waits whose scheduled time had passed when the attempt before it failed. */
    static final Duration LATE_RETRY_AFTER = Duration.ofDays(1);
    /** How long a pending (SEPA) payment waits before the provider is asked again. */
    static final Duration ASK_PENDING_AGAIN_AFTER = Duration.ofDays(1);

    private final Context context;
    private final Lifecycle lifecycle;
    private final Customers customers;

    public Collection(Context context, Lifecycle lifecycle, Customers customers) {
        this.context = context;
        this.lifecycle = lifecycle;
        this.customers = customers;
    }

    /** An attempt recorded before the provider is called: a new one, or an unsettled one to reconcile. */
    private record Claim(Invoice invoice, Payment payment, Company company) {
    }

    /** The attempts claimed together, and the customer references at the provider known for their companies. */
    private record Claims(List<Claim> claims, Map<CompanyId, String> customerReferences) {
        static final Claims NONE = new Claims(List.of(), Map.of());
    }

    /**
     * Makes the payment attempt due on an invoice at {@code now}, if one is: a new attempt, or the
     * reconciliation of a pending or unknown one under its own key.
     *
     * @return the attempt's status afterwards, or empty when nothing was due
     */
    public Optional<PaymentStatus> collect(InvoiceId invoiceId, Instant now, Who who) {
        Claims claims = context.write(who, now, changes -> claimAll(List.of(invoiceId), now));
        if (claims.claims().isEmpty()) {
            return Optional.empty();
        }
        Claim claim = claims.claims().get(0);
        ChargeOutcome outcome = outcomeOf(claim, claims.customerReferences());
        return Optional.of(record(claim.payment().idempotencyKey(), outcome, context.now(), who));
    }

    /**
     * Collects several invoices, as {@link #collect} does one, with one transaction to claim them
     * all and one to record every outcome, each reading and writing a kind of row at once (the
     * provider is still called once per invoice, outside any transaction). If a batch transaction
     * fails, its invoices are handled one by one.
     *
     * @return the status of each attempt made, in no particular order
     */
    public List<PaymentStatus> collectAll(List<InvoiceId> invoiceIds, Instant now, Who who) {
        if (invoiceIds.size() < 2) {
            return invoiceIds.stream().map(id -> collect(id, now, who)).flatMap(Optional::stream).toList();
        }
        Claims claims;
        try {
            claims = context.write(who, now, changes -> claimAll(invoiceIds, now));
        } catch (RuntimeException e) {
            LOG.warn("Claiming {} invoices at once failed ({}); collecting one by one", invoiceIds.size(), e.toString());
            return invoiceIds.stream().map(id -> collect(id, now, who)).flatMap(Optional::stream).toList();
        }
        return chargeAndRecord(claims, who);
    }

    /**
     * Claims the first attempt on invoices as the billing run issues them, inside the issuing
     * transaction: each invoice due for payment is stored with its attempt recorded, and the attempt
     * (the payment about to be requested) right after it, which spares writing every invoice a second
     * time and a transaction. One per try of the transaction; {@link #chargeClaimed} then charges
     * the claims once it has committed.
     */
    public final class FirstAttempts implements Invoicing.OnIssue {

        private final Instant now;
        private final Map<InvoiceId, Payment> attempts = new LinkedHashMap<>();
        private Map<CompanyId, PaymentMethod> defaults = Map.of();
        private Map<CompanyId, Company> companies = Map.of();
        private Map<CompanyId, String> references = Map.of();
        private Claims claims = Claims.NONE;

        private FirstAttempts(Instant now) {
            this.now = now;
        }

        /** Reads the companies not read yet, their default payment methods and their customer references. */
        @Override
        public void beforeNumbering(List<Invoice> drafts, Map<CompanyId, Company> buyers) {
            List<CompanyId> companyIds = drafts.stream().map(Invoice::companyId).distinct().toList();
            defaults = defaultMethods(companyIds);
            companies = new HashMap<>(buyers);
            List<CompanyId> unread = companyIds.stream().filter(id -> !buyers.containsKey(id)).toList();
            if (!unread.isEmpty()) {
                companies.putAll(byKey(context.storage().companies().findAllById(unread), Company::id));
            }
            companyIds.stream().filter(id -> !companies.containsKey(id)).findFirst().ifPresent(id -> {
                throw new IllegalStateException("invoices for company " + id + ", which does not exist");
            });
            references = context.storage().paymentMethods().findCustomerReferences(companyIds);
        }

        @Override
        public List<Invoice> beforeStoring(List<Invoice> finalized) {
            for (Invoice invoice : finalized) {
                if (isDue(invoice, now)) {
                    attempts.put(invoice.id(), newAttempt(invoice, defaults.get(invoice.companyId()), now));
                }
            }
            return finalized.stream().map(invoice -> attempts.containsKey(invoice.id())
                    ? invoice.attempted(attempts.get(invoice.id()).attempt(), now.plus(RECONCILE_UNKNOWN_AFTER))
                    : invoice).toList();
        }

        @Override
        public void afterStoring(List<Invoice> stored) {
            List<Invoice> claimed = stored.stream().filter(invoice -> attempts.containsKey(invoice.id())).toList();
            if (claimed.isEmpty()) {
                return;
            }
            insertAttempts(List.copyOf(attempts.values()), claimed.get(0));
            claims = new Claims(claimed.stream().map(invoice -> new Claim(invoice,
                    attempts.get(invoice.id()).withVersion(1), companies.get(invoice.companyId()))).toList(),
                    new HashMap<>(references));
        }
    }

    /** A fresh {@link FirstAttempts} for one try of an issuing transaction at {@code now}. */
    public FirstAttempts firstAttempts(Instant now) {
        return new FirstAttempts(now);
    }

    /**
     * Charges the attempts {@code attempts} claimed, once the transaction that claimed them has
     * committed, and records the outcomes as {@link #collectAll} does. Not called when that
     * transaction failed or its commit went unanswered: attempts stored all the same wait, like any
     * unknown outcome, to be reconciled under their own keys.
     *
     * @return the status of each attempt made, in no particular order
     */
    public List<PaymentStatus> chargeClaimed(FirstAttempts attempts, Who who) {
        return attempts.claims.claims().isEmpty() ? List.of() : chargeAndRecord(attempts.claims, who);
    }

    /**
     * Calls the provider for each claim, outside any transaction, and records every outcome in one
     * transaction; if that fails, one by one.
     */
    private List<PaymentStatus> chargeAndRecord(Claims claims, Who who) {
        Map<String, ChargeOutcome> outcomes = new LinkedHashMap<>();
        for (Claim claim : claims.claims()) {
            outcomes.put(claim.payment().idempotencyKey(), outcomeOf(claim, claims.customerReferences()));
        }
        Instant recordedAt = context.now();
        Map<String, Claim> claimed = new HashMap<>();
        claims.claims().forEach(claim -> claimed.put(claim.payment().idempotencyKey(), claim));
        try {
            return recordAll(outcomes, recordedAt, who, claimed);
        } catch (RuntimeException e) {
            LOG.warn("Recording {} payment outcomes at once failed ({}); recording one by one", outcomes.size(),
                    e.toString());
            List<PaymentStatus> statuses = new ArrayList<>(outcomes.size());
            outcomes.forEach((key, outcome) -> statuses.add(record(key, outcome, recordedAt, who)));
            return statuses;
        }
    }

    private ChargeOutcome outcomeOf(Claim claim, Map<CompanyId, String> customerReferences) {
        return claim.payment().paymentMethodReference() == null
                ? new ChargeOutcome.Declined(null, "no_payment_method", "The company has no default payment method.")
                : charge(claim, customerReferences);
    }

    /**
     * Claims the attempts due on the invoices, inside the caller's transaction, reading and writing
     * each kind of row at once: the invoices, their companies, the unsettled attempts to reconcile,
     * the default payment methods for new attempts, the new attempts, and the invoices' leases.
     */
    private Claims claimAll(List<InvoiceId> invoiceIds, Instant now) {
        List<Invoice> due = context.storage().invoices().findAllById(invoiceIds).stream()
                .filter(invoice -> isDue(invoice, now))
                .toList();
        if (due.isEmpty()) {
            return Claims.NONE;
        }
        List<CompanyId> companyIds = due.stream().map(Invoice::companyId).distinct().toList();
        Map<CompanyId, Company> companies = byKey(context.storage().companies().findAllById(companyIds), Company::id);
        Map<String, Payment> unsettled = byKey(context.storage().payments().findAllByIdempotencyKey(due.stream()
                .filter(invoice -> invoice.paymentAttempts() > 0)
                .map(invoice -> Payment.idempotencyKey(invoice.id(), invoice.paymentAttempts()))
                .toList()).stream().filter(payment -> !payment.status().isFinal()).toList(), Payment::idempotencyKey);
        List<Invoice> toAttempt = due.stream().filter(invoice -> !unsettled.containsKey(
                Payment.idempotencyKey(invoice.id(), invoice.paymentAttempts()))).toList();
        List<Payment> attempts = newAttempts(toAttempt, now);
        if (!attempts.isEmpty()) {
            insertAttempts(attempts, toAttempt.get(0));
        }
        Map<InvoiceId, Payment> claimed = new HashMap<>();
        attempts.forEach(payment -> claimed.put(payment.invoiceId(), payment.withVersion(1)));
        unsettled.values().forEach(payment -> claimed.put(payment.invoiceId(), payment));
        List<Invoice> leased = context.storage().invoices().updateAll(due.stream()
                .map(invoice -> invoice.attempted(claimed.get(invoice.id()).attempt(),
                        now.plus(RECONCILE_UNKNOWN_AFTER)))
                .toList());
        List<Claim> claims = leased.stream()
                .map(invoice -> new Claim(invoice, claimed.get(invoice.id()), companies.get(invoice.companyId())))
                .toList();
        Map<CompanyId, String> references = new HashMap<>(
                context.storage().paymentMethods().findCustomerReferences(companyIds));
        return new Claims(claims, references);
    }

    /** Whether an attempt is due on the invoice at {@code now}. */
    private static boolean isDue(Invoice invoice, Instant now) {
        return invoice.state() == InvoiceState.OPEN && invoice.nextPaymentAt() != null
                && !invoice.nextPaymentAt().isAfter(now);
    }

    /**
     * The next attempt on each invoice, with its company's default payment method (read for all at
     * once), not stored yet.
     */
    private List<Payment> newAttempts(List<Invoice> invoices, Instant now) {
        if (invoices.isEmpty()) {
            return List.of();
        }
        Map<CompanyId, PaymentMethod> defaults = defaultMethods(invoices.stream().map(Invoice::companyId)
                .distinct().toList());
        return invoices.stream().map(invoice -> newAttempt(invoice, defaults.get(invoice.companyId()), now)).toList();
    }

    /** The companies' default payment methods, read at once; a company without one is absent. */
    private Map<CompanyId, PaymentMethod> defaultMethods(List<CompanyId> companyIds) {
        return byKey(context.storage().paymentMethods().findByCompanies(companyIds).stream()
                .filter(PaymentMethod::isDefault).toList(), PaymentMethod::companyId);
    }

    /** The next attempt on {@code invoice}, with {@code method} (or none), not stored yet. */
    private static Payment newAttempt(Invoice invoice, PaymentMethod method, Instant now) {
        int attempt = invoice.paymentAttempts() + 1;
        return new Payment(PaymentId.random(), invoice.id(), invoice.companyId(), attempt,
                Payment.idempotencyKey(invoice.id(), attempt), invoice.total(),
                method == null ? null : method.id(), method == null ? null : method.providerReference(),
                PaymentStatus.UNKNOWN, null, null, "charge requested", now, now, 0);
    }

    /** Stores new attempts; one that exists already is a lost race on {@code first}'s batch. */
    private void insertAttempts(List<Payment> attempts, Invoice first) {
        try {
            context.storage().payments().insertAll(attempts);
        } catch (DuplicateKeyException e) {
            // Another node claimed one of these attempts first: a lost race, tried again from a fresh read.
            throw new ConcurrentUpdateException("invoice", first.id(), first.version(), e);
        }
    }

    private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
        Map<K, V> map = new HashMap<>();
        values.forEach(value -> map.put(key.apply(value), value));
        return map;
    }

    /** @param customerReferences the companies' references at the provider known so far; a new one is added */
    private ChargeOutcome charge(Claim claim, Map<CompanyId, String> customerReferences) {
        Invoice invoice = claim.invoice();
        try {
            String customer = customerReferences.computeIfAbsent(claim.company().id(),
                    company -> customers.reference(claim.company()));
            return context.payments().charge(new PaymentProvider.ChargeRequest(invoice.id(), claim.payment().attempt(),
                    claim.payment().idempotencyKey(), customer, claim.payment().paymentMethodReference(),
                    claim.payment().amount(),
                    "Invoice " + invoice.number()));
        } catch (RuntimeException e) {
            LOG.warn("Charging invoice {} (attempt {}) failed without an answer ({}); it will be reconciled",
                    invoice.number(), claim.payment().attempt(), e.toString());
            return new ChargeOutcome.Unknown(e.toString());
        }
    }

    /**
     * Records what the provider answered for the attempt with {@code idempotencyKey} (at once, on
     * reconciliation, or from a webhook) and moves the invoice, the subscription and the dunning on.
     * Recording the same final outcome twice changes nothing the second time.
     *
     * @return the attempt's status afterwards
     */
    public PaymentStatus record(String idempotencyKey, ChargeOutcome outcome, Instant now, Who who) {
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
    private List<PaymentStatus> recordAll(Map<String, ChargeOutcome> outcomes, Instant now, Who who,
            Map<String, Claim> claimed) {
        List<Subscription> cancelled = new ArrayList<>();
        AtomicBoolean firstTry = new AtomicBoolean(true);
        List<PaymentStatus> statuses = context.write(who, now, changes -> {
            cancelled.clear();
            return recordAllIn(outcomes, now, changes, cancelled, firstTry.getAndSet(false) ? claimed : Map.of());
        });
        for (Subscription subscription : cancelled) {
            lifecycle.erase(subscription, who);
        }
        return statuses;
    }

    /**
     * Records outcomes inside the caller's transaction. The common case (a success settling an open
     * invoice whose subscriptions are in good standing) is read and written for all at once; the
     * others go through {@link #recordIn} one by one afterwards, reading what the batch wrote.
     */
    private List<PaymentStatus> recordAllIn(Map<String, ChargeOutcome> outcomes, Instant now, Changes changes,
            List<Subscription> cancelled, Map<String, Claim> claimed) {
        Map<String, Payment> payments = new HashMap<>();
        Map<InvoiceId, Invoice> invoices = new HashMap<>();
        for (String key : outcomes.keySet()) {
            Claim claim = claimed.get(key);
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
        Map<String, PaymentStatus> statuses = new HashMap<>();
        List<Payment> succeeded = new ArrayList<>();
        List<Invoice> paid = new ArrayList<>();
        List<String> oneByOne = new ArrayList<>();
        outcomes.forEach((key, outcome) -> {
            Payment payment = payments.get(key);
            if (payment == null) {
                throw new NotFoundException("payment with idempotency key", key);
            }
            if (payment.status().isFinal()) {
                statuses.put(key, payment.status());
                return;
            }
            Payment updated = payment.withOutcome(outcome, now);
            Invoice invoice = invoices.get(payment.invoiceId());
            boolean settlesInGoodStanding = updated.status() == PaymentStatus.SUCCEEDED && invoice != null
                    && invoice.state() == InvoiceState.OPEN && invoice.paymentAttempts() == payment.attempt()
                    && invoice.lines().stream().map(line -> subscriptions.get(line.subscriptionId()))
                            .noneMatch(subscription -> subscription != null
                                    && subscription.state() == SubscriptionState.PAST_DUE);
            if (!settlesInGoodStanding) {
                oneByOne.add(key);
                return;
            }
            succeeded.add(updated);
            paid.add(invoice.paid(now));
            recordPaid(invoice, updated, now, changes);
            statuses.put(key, PaymentStatus.SUCCEEDED);
        });
        context.storage().payments().updateAll(succeeded);
        context.storage().invoices().updateAll(paid);
        for (String key : oneByOne) {
            statuses.put(key, recordIn(key, outcomes.get(key), now, changes, cancelled));
        }
        return outcomes.keySet().stream().map(statuses::get).toList();
    }

    /** Records one outcome inside the caller's transaction; subscriptions it cancels go to {@code cancelled}. */
    private PaymentStatus recordIn(String idempotencyKey, ChargeOutcome outcome, Instant now, Changes changes,
            List<Subscription> cancelled) {
        Payment payment = context.storage().payments().findByIdempotencyKey(idempotencyKey).orElseThrow();
        if (payment.status().isFinal()) {
            return payment.status();
        }
        Invoice invoice = context.storage().invoices().findById(payment.invoiceId()).orElseThrow();
        Payment updated = context.storage().payments().update(payment.withOutcome(outcome, now));
        if (invoice.state() != InvoiceState.OPEN || invoice.paymentAttempts() != payment.attempt()) {
            return updated.status();
        }
        switch (updated.status()) {
            case SUCCEEDED -> succeeded(invoice, updated, now, changes);
            case PENDING -> {
                context.storage().invoices()
                        .update(invoice.attempted(payment.attempt(), now.plus(ASK_PENDING_AGAIN_AFTER)));
                if (payment.status() != PaymentStatus.PENDING) {
                    changes.record(new PaymentPending(changes.newId(), now, invoice.companyId(), invoice.id(),
                            payment.attempt(), updated.providerReference()));
                }
            }
            case UNKNOWN -> context.storage().invoices()
                    .update(invoice.attempted(payment.attempt(), now.plus(RECONCILE_UNKNOWN_AFTER)));
            case DECLINED -> cancelled.addAll(declined(invoice, updated, now, changes));
            default -> throw new IllegalStateException("unexpected payment status " + updated.status());
        }
        return updated.status();
    }


    private void succeeded(Invoice invoice, Payment payment, Instant now, Changes changes) {
        Invoice paid = context.storage().invoices().update(invoice.paid(now));
        recordPaid(invoice, payment, now, changes);
        debtSettled(paid, changes);
    }

    private static void recordPaid(Invoice invoice, Payment payment, Instant now, Changes changes) {
        changes.record(new PaymentSucceeded(changes.newId(), now, invoice.companyId(), invoice.id(), payment.attempt(),
                payment.providerReference()));
        changes.record(new InvoicePaid(changes.newId(), now, invoice.companyId(), invoice.id(),
                invoice.number().toString()));
    }

    /**
     * Returns the invoice's past-due subscriptions to active once it is settled (paid or voided),
     * unless another of their invoices is still declined. Inside the caller's transaction.
     */
    public void debtSettled(Invoice settled, Changes changes) {
        for (Subscription subscription : subscriptionsOf(settled)) {
            if (subscription.state() == SubscriptionState.PAST_DUE && !hasOtherUnpaid(subscription, settled)) {
                context.storage().subscriptions().update(subscription.recovered());
                changes.record(new SubscriptionRecovered(changes.newId(), changes.now(), subscription.companyId(),
                        subscription.id(), settled.id()));
            }
        }
    }

    private List<Subscription> declined(Invoice invoice, Payment payment, Instant now, Changes changes) {
        List<Duration> delays = context.terms().retryDelays();
        int attempt = payment.attempt();
        Instant next = null;
        if (attempt <= delays.size()) {
            Instant scheduled = invoice.issuedAt().plus(delays.get(attempt - 1));
            next = scheduled.isAfter(now) ? scheduled : now.plus(LATE_RETRY_AFTER);
        }
        changes.record(new PaymentFailed(changes.newId(), now, invoice.companyId(), invoice.id(), attempt,
                payment.failureCode(), next));
        List<Subscription> cancelled = new ArrayList<>();
        boolean giveUp = next == null && context.terms().afterLastFailure() == DunningPolicy.CANCEL_SUBSCRIPTION;
        if (giveUp) {
            Invoice uncollectible = context.storage().invoices().update(invoice.uncollectible(now));
            changes.record(new InvoiceUncollectible(changes.newId(), now, invoice.companyId(), invoice.id(),
                    uncollectible.number().toString()));
        } else {
            context.storage().invoices().update(invoice.attempted(attempt, next));
        }
        for (Subscription subscription : subscriptionsOf(invoice)) {
            if (giveUp && !subscription.isCancelled()) {
                cancelled.add(lifecycle.cancel(subscription, now, changes));
            } else if (subscription.state() == SubscriptionState.ACTIVE) {
                context.storage().subscriptions().update(subscription.pastDue());
                changes.record(new SubscriptionPastDue(changes.newId(), now, subscription.companyId(),
                        subscription.id(), invoice.id()));
            }
        }
        return cancelled;
    }

    private List<Subscription> subscriptionsOf(Invoice invoice) {
        return invoice.lines().stream().map(InvoiceLine::subscriptionId).distinct()
                .map(id -> context.storage().subscriptions().findById(id))
                .flatMap(Optional::stream)
                .toList();
    }

    /** Whether another open invoice of the subscription has a declined attempt: its debt is not settled. */
    private boolean hasOtherUnpaid(Subscription subscription, Invoice paid) {
        return context.storage().invoices().findOpenBySubscription(subscription.id()).stream()
                .filter(other -> !other.id().equals(paid.id()) && other.paymentAttempts() > 0)
                .anyMatch(other -> context.storage().payments()
                        .findByIdempotencyKey(Payment.idempotencyKey(other.id(), other.paymentAttempts()))
                        .map(payment -> payment.status() == PaymentStatus.DECLINED).orElse(false));
    }

}
