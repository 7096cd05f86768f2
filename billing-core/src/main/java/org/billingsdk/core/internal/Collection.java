package org.billingsdk.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
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

    /**
     * Makes the payment attempt due on an invoice at {@code now}, if one is: a new attempt, or the
     * reconciliation of a pending or unknown one under its own key.
     *
     * @return the attempt's status afterwards, or empty when nothing was due
     */
    public Optional<PaymentStatus> collect(InvoiceId invoiceId, Instant now, Who who) {
        Optional<Claim> claimed = context.write(who, now, changes -> claim(invoiceId, now, new HashMap<>()));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Claim claim = claimed.get();
        ChargeOutcome outcome = outcomeOf(claim, new HashMap<>());
        return Optional.of(record(claim.payment().idempotencyKey(), outcome, context.now(), who));
    }

    /**
     * Collects several invoices, as {@link #collect} does one, with one transaction to claim them
     * all and one to record every outcome (the provider is still called once per invoice, outside
     * any transaction). If a batch transaction fails, its invoices are handled one by one.
     *
     * @return the status of each attempt made, in no particular order
     */
    public List<PaymentStatus> collectAll(List<InvoiceId> invoiceIds, Instant now, Who who) {
        if (invoiceIds.size() < 2) {
            return invoiceIds.stream().map(id -> collect(id, now, who)).flatMap(Optional::stream).toList();
        }
        List<Claim> claims;
        try {
            claims = context.write(who, now, changes -> {
                Map<CompanyId, Optional<PaymentMethod>> defaults = new HashMap<>();
                return invoiceIds.stream().map(id -> claim(id, now, defaults)).flatMap(Optional::stream).toList();
            });
        } catch (RuntimeException e) {
            LOG.warn("Claiming {} invoices at once failed ({}); collecting one by one", invoiceIds.size(), e.toString());
            return invoiceIds.stream().map(id -> collect(id, now, who)).flatMap(Optional::stream).toList();
        }
        Map<CompanyId, String> customerReferences = new HashMap<>();
        Map<String, ChargeOutcome> outcomes = new LinkedHashMap<>();
        for (Claim claim : claims) {
            outcomes.put(claim.payment().idempotencyKey(), outcomeOf(claim, customerReferences));
        }
        Instant recordedAt = context.now();
        List<Subscription> cancelled = new ArrayList<>();
        try {
            List<PaymentStatus> statuses = context.write(who, recordedAt, changes -> {
                cancelled.clear();
                List<PaymentStatus> recorded = new ArrayList<>(outcomes.size());
                outcomes.forEach((key, outcome) -> recorded.add(recordIn(key, outcome, recordedAt, changes, cancelled)));
                return recorded;
            });
            cancelled.forEach(subscription -> lifecycle.erase(subscription, who));
            return statuses;
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

    /** @param defaults each company's default method, as read so far in this transaction */
    private Optional<Claim> claim(InvoiceId invoiceId, Instant now, Map<CompanyId, Optional<PaymentMethod>> defaults) {
        Optional<Invoice> found = context.storage().invoices().findById(invoiceId);
        if (found.isEmpty() || found.get().state() != InvoiceState.OPEN || found.get().nextPaymentAt() == null
                || found.get().nextPaymentAt().isAfter(now)) {
            return Optional.empty();
        }
        Invoice invoice = found.get();
        Company company = context.storage().companies().findById(invoice.companyId()).orElseThrow();
        Optional<Payment> unsettled = invoice.paymentAttempts() == 0 ? Optional.empty()
                : context.storage().payments()
                        .findByIdempotencyKey(Payment.idempotencyKey(invoiceId, invoice.paymentAttempts()))
                        .filter(payment -> !payment.status().isFinal());
        Payment payment;
        if (unsettled.isPresent()) {
            payment = unsettled.get();
        } else {
            int attempt = invoice.paymentAttempts() + 1;
            PaymentMethod method = defaults.computeIfAbsent(invoice.companyId(),
                    owner -> context.storage().paymentMethods().findByCompany(owner).stream()
                            .filter(PaymentMethod::isDefault).findFirst()).orElse(null);
            try {
                payment = context.storage().payments().insert(new Payment(PaymentId.random(), invoiceId,
                        invoice.companyId(), attempt, Payment.idempotencyKey(invoiceId, attempt), invoice.total(),
                        method == null ? null : method.id(), method == null ? null : method.providerReference(),
                        PaymentStatus.UNKNOWN, null, null, "charge requested", now, now, 0));
            } catch (DuplicateKeyException e) {
                throw new ConcurrentUpdateException("invoice", invoiceId, invoice.version(), e);
            }
        }
        Invoice leased = context.storage().invoices()
                .update(invoice.attempted(payment.attempt(), now.plus(RECONCILE_UNKNOWN_AFTER)));
        return Optional.of(new Claim(leased, payment, company));
    }

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
        List<Subscription> cancelled = new ArrayList<>();
        PaymentStatus status = context.write(who, now, changes -> {
            cancelled.clear();
            return recordIn(idempotencyKey, outcome, now, changes, cancelled);
        });
        for (Subscription subscription : cancelled) {
            lifecycle.erase(subscription, who);
        }
        return status;
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
        changes.record(new PaymentSucceeded(changes.newId(), now, invoice.companyId(), invoice.id(), payment.attempt(),
                payment.providerReference()));
        changes.record(new InvoicePaid(changes.newId(), now, invoice.companyId(), invoice.id(),
                paid.number().toString()));
        debtSettled(paid, changes);
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
