package org.billingsdk.core.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.BillingException;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.PortException;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.credit.CreditNoteLine;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.credit.Creditable;
import org.billingsdk.core.credit.Credits;
import org.billingsdk.core.credit.Refund;
import org.billingsdk.core.credit.RefundId;
import org.billingsdk.core.credit.RefundStatus;
import org.billingsdk.core.event.CreditNoteIssued;
import org.billingsdk.core.event.InvoicePaid;
import org.billingsdk.core.event.PaymentRefundFailed;
import org.billingsdk.core.event.PaymentRefundPending;
import org.billingsdk.core.event.PaymentRefunded;
import org.billingsdk.core.invoice.DocumentFormat;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.BillingTerms;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.port.InvoiceRenderer;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The implementation of {@link Credits}. */
public final class CreditsService implements Credits {

    private static final Logger LOG = LoggerFactory.getLogger(CreditsService.class);

    private final Context context;
    private final OutcomeRecording outcomes;
    private final Ledger ledger;
    private final Renderers renderers;

    public CreditsService(Context context, OutcomeRecording outcomes, Renderers renderers) {
        this.context = Objects.requireNonNull(context);
        this.outcomes = Objects.requireNonNull(outcomes);
        this.ledger = new Ledger(context);
        this.renderers = Objects.requireNonNull(renderers);
    }

    @Override
    public CreditNote issue(Actor actor, InvoiceId invoiceId, CreditRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = context.now();
        CreditNote note = context.write(Who.of(actor), now, changes -> issueIn(reach(actor, invoiceId), request,
                changes, () -> reach(actor, invoiceId)));
        if (note.destination() == CreditDestination.REFUND) {
            // Asked outside the transaction that stored it: a lost answer leaves it REQUESTED, and the
            // billing run asks again under the same key.
            context.read(() -> context.storage().refunds().findByIdempotencyKey(Refund.keyOf(note.id())))
                    .ifPresent(refund -> ask(refund, Who.of(actor)));
        }
        return note;
    }

    /**
     * Asks the provider for a stored refund under its key and records the answer; a provider that
     * fails or answers nothing leaves it as it was, to be asked again.
     *
     * @return the refund afterwards
     */
    Refund ask(Refund refund, Who who) {
        RefundOutcome outcome;
        try {
            outcome = context.payments().refund(new PaymentProvider.RefundRequest(refund.invoiceId(),
                    refund.chargeReference(), refund.chargeKey(), refund.amount(), refund.idempotencyKey()));
        } catch (RuntimeException e) {
            LOG.warn("The refund {} of invoice {} failed without an answer ({}); it is asked again under its key",
                    refund.idempotencyKey(), refund.invoiceId(), e.toString());
            return refund;
        }
        if (outcome == null || outcome instanceof RefundOutcome.Unknown) {
            return refund;
        }
        Instant now = context.now();
        return context.write(who, now, changes -> recordRefund(context.storage().refunds()
                .findByIdempotencyKey(refund.idempotencyKey()).orElseThrow(), outcome, changes));
    }

    /**
     * Records what the provider answered or reported of a refund, inside the caller's transaction,
     * by {@link Refund#withOutcome}, with the event of the step; a refund that failed puts its
     * amount on the credit balance, once. A report that changes nothing writes nothing.
     *
     * @param current the refund as stored, read in this transaction
     * @return the refund afterwards
     */
    Refund recordRefund(Refund current, RefundOutcome outcome, Changes changes) {
        Refund next = current.withOutcome(outcome, changes.now());
        if (next == current) {
            return current;
        }
        Refund stored = context.storage().refunds().update(next);
        int attempt = context.storage().payments().findByIdempotencyKey(current.chargeKey())
                .map(Payment::attempt).orElse(0);
        Instant now = changes.now();
        switch (stored.status()) {
            case SUCCEEDED -> changes.record(new PaymentRefunded(changes.newId(), now, stored.companyId(),
                    stored.invoiceId(), attempt, stored.reference(), stored.amount()));
            case PENDING -> changes.record(new PaymentRefundPending(changes.newId(), now, stored.companyId(),
                    stored.invoiceId(), attempt, stored.reference(), stored.amount()));
            case FAILED -> {
                changes.record(new PaymentRefundFailed(changes.newId(), now, stored.companyId(), stored.invoiceId(),
                        attempt, stored.reference(), stored.amount(),
                        stored.failureCode() == null ? null : stored.failureCode().value()));
                ledger.move(List.of(new Ledger.Movement(stored.companyId(), stored.amount(),
                        CreditEntry.Kind.REFUND_FAILED, stored.creditNoteId(), stored.invoiceId())), changes);
            }
            default -> throw new IllegalStateException("an outcome left refund " + stored.id() + " " + stored.status());
        }
        return stored;
    }

    /**
     * Asks again for the refunds whose answer was lost: those still {@code REQUESTED} an hour
     * after they last changed. Called by the billing run.
     *
     * @return how many were asked for
     */
    int askAgain(Instant now, int limit) {
        List<Refund> requested = context.read(() -> context.storage().refunds()
                .findRequested(now.minus(BillingTerms.RECONCILE_UNKNOWN_AFTER), limit));
        requested.forEach(refund -> ask(refund, Who.BILLING_RUN));
        return requested.size();
    }

    /**
     * What a paid invoice's payments took and no refund has given back or asked to give back: a
     * failed refund's amount went to the balance and is not refundable again; a refund of the whole
     * invoice made through {@code Invoices.refund} leaves nothing.
     */
    private MonetaryAmount refundable(Invoice invoice, List<Payment> payments) {
        MonetaryAmount left = invoice.total().multiply(0);
        for (Payment payment : payments) {
            if (payment.status() == PaymentStatus.SUCCEEDED) {
                left = left.add(payment.amount());
            }
        }
        for (Refund refund : context.storage().refunds().findByInvoice(invoice.id())) {
            left = left.subtract(refund.amount());
        }
        return left.isNegative() ? left.multiply(0) : left;
    }

    /** Refuses a refund of more than {@link #refundable}. */
    private void refuseBeyondRefundable(Invoice invoice, MonetaryAmount asked) {
        MonetaryAmount left = refundable(invoice, context.storage().payments().findByInvoices(List.of(invoice.id())));
        if (asked.isGreaterThan(left)) {
            throw new RefusedException(new Refusal(RefusalCode.EXCEEDS_REFUNDABLE, "Invoice " + invoice.number()
                    + " has " + Amounts.format(left) + " its payments took and no refund gave back; "
                    + Amounts.format(asked) + " asked."));
        }
    }

    /**
     * Issues a credit note on {@code asRead} inside the caller's transaction, as {@link #issue}
     * describes: validated and refused on the invoice as read, then numbered, then checked again on
     * the invoice read afresh by {@code reRead} once the series is held.
     */
    CreditNote issueIn(Invoice asRead, CreditRequest request, Changes changes, Supplier<Invoice> reRead) {
        Instant now = changes.now();
        // Every problem of the request, then the refusals, before a number is taken.
        List<CreditNoteLine> asked = creditableOf(asRead).linesFor(request);
        refuseByState(asRead, request.destination());
        if (request.destination() == CreditDestination.REFUND) {
            refuseBeyondRefundable(asRead, gross(asked));
        }
        // The series' counter is held from here to the commit: credit notes on this invoice
        // issued meanwhile on other threads or nodes are committed, and read below.
        String series = context.seller().creditNoteSeries(now.atZone(ZoneOffset.UTC).getYear());
        InvoiceNumber number = new InvoiceNumber(series, context.storage().invoiceNumbers().next(series));
        Invoice invoice = reRead.get();
        if (invoice.state() != asRead.state()) {
            // Paid, voided or given up on meanwhile: the request was decided on what no longer holds.
            // A lost race, which the caller's write tries again from a fresh read.
            throw new ConcurrentUpdateException(EntityKind.INVOICE, invoice.id(), asRead.version());
        }
        refuseByState(invoice, request.destination());
        List<CreditNoteLine> lines = creditableOf(invoice).linesFor(request);
        CreditNote note = CreditNote.of(CreditNoteId.random(), number, invoice, lines, request.reason(), request.memo(),
                request.destination(), now);
        if (request.destination() == CreditDestination.REFUND) {
            refuseBeyondRefundable(invoice, note.total());
        }
        try {
            note = context.storage().creditNotes().insert(note);
        } catch (DuplicateKeyException e) {
            throw new ConcurrentUpdateException("creditNotes.insert", e);
        }
        changes.record(new CreditNoteIssued(changes.newId(), now, invoice.companyId(), note.id(), note.number(),
                invoice.id(), invoice.number(), note.total(), note.destination()));
        MonetaryAmount toBalance = note.total();
        if (request.destination() == CreditDestination.AMOUNT_DUE) {
            MonetaryAmount due = invoice.amountDue();
            Invoice credited = context.storage().invoices().update(invoice.credited(note.total(), now));
            toBalance = note.total().isGreaterThan(due) ? note.total().subtract(due) : due.multiply(0);
            if (credited.state() == InvoiceState.PAID) {
                changes.record(new InvoicePaid(changes.newId(), now, invoice.companyId(), invoice.id(),
                        invoice.number()));
                outcomes.debtSettled(credited, changes);
            }
        } else {
            // The invoice's version moves on, so that a credit, a refund or a payment outcome
            // recorded at once on another node reads this credit note, or runs again.
            context.storage().invoices().update(invoice);
        }
        if (request.destination() == CreditDestination.REFUND) {
            toBalance = toBalance.multiply(0);
            Payment paid = context.storage().payments().findByInvoices(List.of(invoice.id())).stream()
                    .filter(payment -> payment.status() == PaymentStatus.SUCCEEDED).findFirst().orElseThrow();
            try {
                context.storage().refunds().insert(new Refund(RefundId.random(), note.id(), invoice.id(),
                        invoice.companyId(), paid.id(), paid.idempotencyKey(), paid.providerReference(), note.total(),
                        Refund.keyOf(note.id()), RefundStatus.REQUESTED, null, null, "refund requested", now, now, 0));
            } catch (DuplicateKeyException e) {
                throw new ConcurrentUpdateException("refunds.insert", e);
            }
        }
        if (toBalance.isPositive()) {
            ledger.move(List.of(new Ledger.Movement(invoice.companyId(), toBalance, CreditEntry.Kind.CREDITED,
                    note.id(), invoice.id())), changes);
        }
        return note;
    }

    /**
     * Credits the unused part of {@code subscription}'s current period, by the
     * {@link org.billingsdk.core.credit.CancellationCredit#PRORATED} rule, inside the caller's
     * transaction that cancels it at {@code at}; nothing when that period was not invoiced, is
     * used up, or its line holds nothing more.
     *
     * @return the credit note, or empty
     */
    Optional<CreditNote> creditUnusedPeriod(Subscription subscription, int periodMonths, Instant at,
            Changes changes) {
        Instant periodEnd = subscription.periodEndAt(at, periodMonths);
        Optional<Charged> charged = chargedAt(subscription.id(), periodEnd, at);
        if (charged.isEmpty()) {
            return Optional.empty();
        }
        Invoice invoice = charged.get().invoice();
        int position = charged.get().line();
        Creditable creditable = creditableOf(invoice);
        MonetaryAmount unused = creditable.unusedAt(position, at);
        if (!unused.isPositive()) {
            return Optional.empty();
        }
        CreditRequest request = CreditRequest.of(CreditReason.CANCELLATION, destinationFor(invoice),
                unused.isLessThan(creditable.net(position)) ? CreditRequest.Line.of(position, unused)
                        : CreditRequest.Line.remainderOf(position));
        InvoiceId id = invoice.id();
        return Optional.of(issueIn(invoice, request, changes,
                () -> context.storage().invoices().findById(id).orElseThrow()));
    }

    /**
     * What {@code invoice} still holds for credit, in the caller's transaction or read: after its
     * credit notes, and after the changes of plan or quantity that credited its lines' unused time
     * on later invoices ({@link #creditedByChanges}).
     */
    Creditable creditableOf(Invoice invoice) {
        return Creditable.of(invoice, context.storage().creditNotes().findByInvoice(invoice.id()),
                creditedByChanges(invoice));
    }

    /**
     * For each line of {@code invoice} that a later change superseded with a credit line on its own
     * invoice, that credit line. The change that superseded a line is the first invoice issued after
     * it with a line of its period (void invoices left out, as {@link #chargedAt} leaves them out):
     * it credited the line then in force. One whose credit was the larger credited it by a credit
     * note on this invoice instead, which {@link Creditable} counts already.
     */
    private Map<Integer, InvoiceLine> creditedByChanges(Invoice invoice) {
        Map<Integer, InvoiceLine> credited = new HashMap<>();
        Map<List<Object>, List<Invoice>> periods = new HashMap<>();
        for (int position = 0; position < invoice.lines().size(); position++) {
            InvoiceLine line = invoice.lines().get(position);
            if (line.isCredit()) {
                continue;
            }
            List<Invoice> billing = periods.computeIfAbsent(List.of(line.subscriptionId(), line.periodEnd()),
                    key -> context.storage().invoices().findBySubscriptionPeriodEnd(line.subscriptionId(),
                            line.periodEnd()).stream().filter(each -> each.state() != InvoiceState.VOID).toList());
            int at = -1;
            for (int i = 0; i < billing.size(); i++) {
                if (billing.get(i).id().equals(invoice.id())) {
                    at = i;
                }
            }
            for (Invoice later : at < 0 ? List.<Invoice>of() : billing.subList(at + 1, billing.size())) {
                // The next change in the period: its credit line, or its charge line when it credited this
                // line by a credit note (a change of interval charges a new period, which ends elsewhere).
                if (linesOf(later, line).findAny().isPresent()) {
                    Optional<InvoiceLine> credit = linesOf(later, line).filter(InvoiceLine::isCredit).findFirst();
                    if (credit.isPresent()) {
                        credited.put(position, credit.get());
                    }
                    break;
                }
            }
        }
        return credited;
    }

    /** The lines of {@code invoice} that bill {@code like}'s subscription up to {@code like}'s period end. */
    private static Stream<InvoiceLine> linesOf(Invoice invoice, InvoiceLine like) {
        return invoice.lines().stream().filter(each -> each.subscriptionId().equals(like.subscriptionId())
                && each.periodEnd().equals(like.periodEnd()));
    }

    /** Where the credit for unused time on {@code invoice} goes: the balance once paid, else off what is due. */
    static CreditDestination destinationFor(Invoice invoice) {
        return invoice.state() == InvoiceState.PAID ? CreditDestination.BALANCE : CreditDestination.AMOUNT_DUE;
    }

    /** The line of an invoice that charges a subscription's time: the one a change or a cancellation credits. */
    record Charged(Invoice invoice, int line) {
    }

    /**
     * The line that charges {@code subscription}'s time at {@code at} in the period that ends at
     * {@code periodEnd}: of the lines billing it up to then (the period's, and the remaining time of
     * each change made in it) on invoices not void, the one that starts last at or before
     * {@code at}, the later issued of two that start together. Every change supersedes the line in
     * force, so a line's unused time is credited at most once.
     */
    Optional<Charged> chargedAt(SubscriptionId subscription, Instant periodEnd, Instant at) {
        Charged found = null;
        Instant foundStart = null;
        for (Invoice invoice : context.storage().invoices().findBySubscriptionPeriodEnd(subscription, periodEnd)) {
            if (invoice.state() == InvoiceState.VOID) {
                continue;
            }
            for (int i = 0; i < invoice.lines().size(); i++) {
                InvoiceLine line = invoice.lines().get(i);
                if (line.subscriptionId().equals(subscription) && line.periodEnd().equals(periodEnd)
                        && !line.isCredit() && !line.periodStart().isAfter(at)
                        && (foundStart == null || !line.periodStart().isBefore(foundStart))) {
                    found = new Charged(invoice, i);
                    foundStart = line.periodStart();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** The sum of credit-note lines with their VAT. */
    static MonetaryAmount gross(List<CreditNoteLine> lines) {
        MonetaryAmount sum = lines.get(0).gross();
        for (CreditNoteLine line : lines.subList(1, lines.size())) {
            sum = sum.add(line.gross());
        }
        return sum;
    }

    @Override
    public List<Refund> refunds(Actor actor, InvoiceId invoiceId) {
        return context.read(() -> {
            reach(actor, invoiceId);
            return context.storage().refunds().findByInvoice(invoiceId);
        });
    }

    /** Refuses a destination the invoice's state does not allow. */
    private static void refuseByState(Invoice invoice, CreditDestination destination) {
        InvoiceState state = invoice.state();
        if (state == InvoiceState.VOID) {
            throw new RefusedException(new Refusal(RefusalCode.INVOICE_CLOSED, "Invoice " + invoice.number()
                    + " is void; there is nothing to credit."));
        }
        if (destination == CreditDestination.AMOUNT_DUE && state == InvoiceState.PAID) {
            throw new RefusedException(new Refusal(RefusalCode.INVOICE_PAID, "Invoice " + invoice.number()
                    + " is paid; its credit goes to the credit balance (BALANCE), not to its amount due."));
        }
        if (destination != CreditDestination.AMOUNT_DUE && state != InvoiceState.PAID) {
            throw new RefusedException(new Refusal(RefusalCode.INVOICE_NOT_PAID, "Invoice " + invoice.number()
                    + " is " + state + "; its credit reduces its amount due (AMOUNT_DUE)."));
        }
    }

    @Override
    public CreditNote find(Actor actor, CreditNoteId creditNoteId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(creditNoteId, "creditNoteId");
        return context.read(() -> context.storage().creditNotes().findById(creditNoteId)
                .filter(note -> context.access().reaches(actor, note.companyId()))
                .orElseThrow(() -> new NotFoundException(EntityKind.CREDIT_NOTE, creditNoteId)));
    }

    @Override
    public InvoiceDocument document(Actor actor, CreditNoteId creditNoteId) {
        return render(renderers.unspecified(), actor, creditNoteId);
    }

    @Override
    public InvoiceDocument document(Actor actor, CreditNoteId creditNoteId, DocumentFormat format) {
        return render(renderers.of(format), actor, creditNoteId);
    }

    private InvoiceDocument render(InvoiceRenderer renderer, Actor actor, CreditNoteId creditNoteId) {
        CreditNote note = find(actor, creditNoteId);
        Invoice invoice = context.read(() -> context.storage().invoices().findById(note.invoiceId()).orElseThrow(
                () -> new StorageException("creditNotes.findById", "credit note " + note.number()
                        + " corrects invoice " + note.invoiceId() + ", which the storage does not hold", null)));
        InvoiceDocument document;
        try {
            document = renderer.renderCreditNote(note, invoice);
        } catch (BillingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PortException("renderer.renderCreditNote", "could not render credit note " + note.number(), e);
        }
        if (document == null) {
            throw new PortException("renderer.renderCreditNote", "the renderer answered no document for credit note "
                    + note.number(), null);
        }
        return document;
    }

    @Override
    public List<CreditNote> ofInvoice(Actor actor, InvoiceId invoiceId) {
        return context.read(() -> {
            reach(actor, invoiceId);
            return context.storage().creditNotes().findByInvoice(invoiceId);
        });
    }

    @Override
    public Creditable creditable(Actor actor, InvoiceId invoiceId) {
        return context.read(() -> creditableOf(reach(actor, invoiceId)));
    }

    @Override
    public List<MonetaryAmount> balances(Actor actor, CompanyId companyId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        return context.read(() -> {
            context.access().reach(actor, companyId);
            return context.storage().creditLedger().latestOf(List.of(companyId)).stream()
                    .sorted(Comparator.comparing(entry -> entry.currency().getCurrencyCode()))
                    .map(CreditEntry::balance)
                    .toList();
        });
    }

    @Override
    public Page<CreditEntry> ledger(Actor actor, CompanyId companyId, CurrencyUnit currency, PageRequest page) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(page, "page");
        long before = page.cursor() == null ? 0 : sequenceIn(page.cursor());
        return context.read(() -> {
            context.access().reach(actor, companyId);
            List<CreditEntry> entries = new ArrayList<>(context.storage().creditLedger()
                    .findByCompany(companyId, currency, before, page.size() + 1));
            boolean more = entries.size() > page.size();
            List<CreditEntry> shown = more ? entries.subList(0, page.size()) : entries;
            return new Page<>(List.copyOf(shown), more ? "entries-before-" + shown.get(shown.size() - 1).sequence()
                    : null);
        });
    }

    private static long sequenceIn(String cursor) {
        if (cursor.matches("entries-before-[1-9][0-9]{0,17}")) {
            return Long.parseLong(cursor.substring("entries-before-".length()));
        }
        throw new InvalidInputException(List.of(new Violation("page.cursor", "is not a cursor this SDK gave")));
    }

    private Invoice reach(Actor actor, InvoiceId invoiceId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(invoiceId, "invoiceId");
        return context.storage().invoices().findById(invoiceId)
                .filter(invoice -> invoice.state() != InvoiceState.DRAFT)
                .filter(invoice -> context.access().reaches(actor, invoice.companyId()))
                .orElseThrow(() -> new NotFoundException(EntityKind.INVOICE, invoiceId));
    }
}
