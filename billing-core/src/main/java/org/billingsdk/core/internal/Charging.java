package org.billingsdk.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.BillingTerms;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.port.PaymentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges open invoices: claims the attempt due on each (a new one with the company's default
 * payment method, or the reconciliation of a pending or unknown one under its own key), calls the
 * payment provider outside any transaction, and hands the answers to {@link OutcomeRecording}. An
 * attempt is recorded before the provider is called, so that a crash or a lost answer is
 * reconciled later with the same key and never charged under a new one. Thread-safe, and safe on
 * several nodes: claiming an attempt is a versioned update of the invoice.
 */
public final class Charging {

    private static final Logger LOG = LoggerFactory.getLogger(Charging.class);

    private final Context context;
    private final Customers customers;
    private final OutcomeRecording outcomes;
    private final ChargeCalls calls;

    /**
     * @param inFlight how many charges the node may have in flight at once (a company's one after
     *     the other), at the provider's declared rate; 1 or more
     * @param timeout how long a charge is waited for at most before it is left to reconciliation
     */
    public Charging(Context context, Customers customers, OutcomeRecording outcomes, int inFlight, Duration timeout) {
        this.context = context;
        this.customers = customers;
        this.outcomes = outcomes;
        this.calls = new ChargeCalls(inFlight, context.payments().chargesPerSecond(), timeout);
    }

    /** An attempt recorded before the provider is called: a new one, or an unsettled one to reconcile. */
    private record Claim(Invoice invoice, Payment payment, Company company) {
    }

    /** The attempts claimed together, and the customer references at the provider known for their companies. */
    private record Claims(List<Claim> claims, Map<CompanyId, CustomerReference> customerReferences) {
        static final Claims NONE = new Claims(List.of(), Map.of());
    }

    /**
     * Makes the payment attempt due on an invoice at {@code now}, if one is: a new attempt, or the
     * reconciliation of a pending or unknown one under its own key.
     *
     * @return the attempt's status afterwards, or empty when nothing was due
     */
    public Optional<PaymentStatus> collect(InvoiceId invoiceId, Instant now, Who who) {
        if (Thread.currentThread().isInterrupted()) {
            return Optional.empty(); // claimed by no one: still due for the next run
        }
        Claims claims = context.write(who, now, changes -> claimAll(List.of(invoiceId), now));
        if (claims.claims().isEmpty()) {
            return Optional.empty();
        }
        Claim claim = claims.claims().get(0);
        ChargeOutcome outcome = calls.one(described(claim), () -> outcomeOf(claim, claims.customerReferences()));
        if (outcome == null) {
            return Optional.of(claim.payment().status()); // interrupted or unanswered in time: reconciled later
        }
        return Optional.of(outcomes.record(claim.payment().idempotencyKey(), outcome, context.now(), who));
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
        private Map<CompanyId, CustomerReference> references = Map.of();
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
                companies.putAll(OutcomeRecording.byKey(context.storage().companies().findAllById(unread), Company::id));
            }
            companyIds.stream().filter(id -> !companies.containsKey(id)).findFirst().ifPresent(id -> {
                throw new StorageException("invoices.issue", "invoices for company " + id
                        + ", which the storage does not hold", null);
            });
            references = context.storage().customers().findAll(companyIds);
        }

        @Override
        public List<Invoice> beforeStoring(List<Invoice> finalized) {
            for (Invoice invoice : finalized) {
                if (isDue(invoice, now)) {
                    attempts.put(invoice.id(), Payment.newAttempt(invoice, defaults.get(invoice.companyId()), now));
                }
            }
            return finalized.stream().map(invoice -> attempts.containsKey(invoice.id())
                    ? invoice.attempted(attempts.get(invoice.id()).attempt(), now.plus(BillingTerms.RECONCILE_UNKNOWN_AFTER))
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
        Map<CompanyId, CustomerReference> references = new ConcurrentHashMap<>(claims.customerReferences());
        Map<IdempotencyKey, ChargeOutcome> answered = new ConcurrentHashMap<>();
        Map<CompanyId, List<ChargeCalls.Call>> byCompany = new LinkedHashMap<>();
        for (Claim claim : claims.claims()) {
            IdempotencyKey key = claim.payment().idempotencyKey();
            byCompany.computeIfAbsent(claim.company().id(), company -> new ArrayList<>()).add(new ChargeCalls.Call(
                    described(claim), () -> answered.put(key, outcomeOf(claim, references))));
        }
        calls.runAll(List.copyOf(byCompany.values()));
        // In the claims' order; a claim left unanswered (an interrupt, a time-out) stays claimed, reconciled later.
        Map<IdempotencyKey, ChargeOutcome> answers = new LinkedHashMap<>();
        for (Claim claim : claims.claims()) {
            ChargeOutcome outcome = answered.get(claim.payment().idempotencyKey());
            if (outcome != null) {
                answers.put(claim.payment().idempotencyKey(), outcome);
            }
        }
        Instant recordedAt = context.now();
        Map<IdempotencyKey, OutcomeRecording.Claimed> claimed = new HashMap<>();
        claims.claims().forEach(claim -> claimed.put(claim.payment().idempotencyKey(),
                new OutcomeRecording.Claimed(claim.payment(), claim.invoice())));
        try {
            return outcomes.recordAll(answers, recordedAt, who, claimed);
        } catch (RuntimeException e) {
            LOG.warn("Recording {} payment outcomes at once failed ({}); recording one by one", answers.size(),
                    e.toString());
            List<PaymentStatus> statuses = new ArrayList<>(answers.size());
            answers.forEach((key, outcome) -> statuses.add(outcomes.record(key, outcome, recordedAt, who)));
            return statuses;
        }
    }

    private static String described(Claim claim) {
        return "The charge of invoice " + claim.invoice().number() + " (attempt " + claim.payment().attempt() + ")";
    }

    private ChargeOutcome outcomeOf(Claim claim, Map<CompanyId, CustomerReference> customerReferences) {
        return claim.payment().paymentMethodReference() == null
                ? new ChargeOutcome.Declined(null, DeclineCode.of("no_payment_method"),
                        "The company has no default payment method.")
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
        Map<CompanyId, Company> companies = OutcomeRecording.byKey(context.storage().companies().findAllById(companyIds), Company::id);
        List<IdempotencyKey> lastAttempts = due.stream()
                .filter(invoice -> invoice.paymentAttempts() > 0)
                .map(invoice -> IdempotencyKey.forAttempt(invoice.id(), invoice.paymentAttempts()))
                .toList();
        Map<IdempotencyKey, Payment> unsettled = OutcomeRecording.byKey(context.storage().payments()
                .findAllByIdempotencyKey(lastAttempts).stream().filter(payment -> !payment.status().isFinal())
                .toList(), Payment::idempotencyKey);
        List<Invoice> toAttempt = due.stream().filter(invoice -> invoice.paymentAttempts() == 0
                || !unsettled.containsKey(IdempotencyKey.forAttempt(invoice.id(), invoice.paymentAttempts())))
                .toList();
        List<Payment> attempts = newAttempts(toAttempt, now);
        if (!attempts.isEmpty()) {
            insertAttempts(attempts, toAttempt.get(0));
        }
        Map<InvoiceId, Payment> claimed = new HashMap<>();
        attempts.forEach(payment -> claimed.put(payment.invoiceId(), payment.withVersion(1)));
        unsettled.values().forEach(payment -> claimed.put(payment.invoiceId(), payment));
        List<Invoice> leased = context.storage().invoices().updateAll(due.stream()
                .map(invoice -> invoice.attempted(claimed.get(invoice.id()).attempt(),
                        now.plus(BillingTerms.RECONCILE_UNKNOWN_AFTER)))
                .toList());
        List<Claim> claims = leased.stream()
                .map(invoice -> new Claim(invoice, claimed.get(invoice.id()), companies.get(invoice.companyId())))
                .toList();
        Map<CompanyId, CustomerReference> references = new HashMap<>(
                context.storage().customers().findAll(companyIds));
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
        return invoices.stream()
                .map(invoice -> Payment.newAttempt(invoice, defaults.get(invoice.companyId()), now)).toList();
    }

    /** The companies' default payment methods, read at once; a company without one is absent. */
    private Map<CompanyId, PaymentMethod> defaultMethods(List<CompanyId> companyIds) {
        return OutcomeRecording.byKey(context.storage().paymentMethods().findByCompanies(companyIds).stream()
                .filter(PaymentMethod::isDefault).toList(), PaymentMethod::companyId);
    }


    /** Stores new attempts; one that exists already is a lost race on {@code first}'s batch. */
    private void insertAttempts(List<Payment> attempts, Invoice first) {
        try {
            context.storage().payments().insertAll(attempts);
        } catch (DuplicateKeyException e) {
            // Another node claimed one of these attempts first: a lost race, tried again from a fresh read.
            throw new ConcurrentUpdateException(EntityKind.INVOICE, first.id(), first.version(), e);
        }
    }

    /** @param customerReferences the companies' references at the provider known so far; a new one is added */
    private ChargeOutcome charge(Claim claim, Map<CompanyId, CustomerReference> customerReferences) {
        Invoice invoice = claim.invoice();
        try {
            CustomerReference customer = customerReferences.get(claim.company().id());
            if (customer == null) {
                // A company's charges are made one after the other: its customer is made once.
                customer = customers.reference(claim.company());
                customerReferences.put(claim.company().id(), customer);
            }
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
}
