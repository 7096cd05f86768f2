package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.PortException;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.event.InvoiceVoided;
import org.billingsdk.core.history.CreditNoteSummary;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceDetail;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.history.Invoices;
import org.billingsdk.core.invoice.DocumentFormat;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.port.CompanyScope;
import org.billingsdk.core.port.InvoiceRenderer;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;

/** The implementation of {@link Invoices}. */
public final class InvoicesService implements Invoices {

    private final Context context;
    private final Invoicing invoicing;
    private final Charging charging;
    private final OutcomeRecording outcomes;
    private final Renderers renderers;
    private final Ledger ledger;

    public InvoicesService(Context context, Invoicing invoicing, Charging charging, OutcomeRecording outcomes,
            Renderers renderers) {
        this.context = Objects.requireNonNull(context);
        this.invoicing = Objects.requireNonNull(invoicing);
        this.charging = Objects.requireNonNull(charging);
        this.outcomes = Objects.requireNonNull(outcomes);
        this.renderers = Objects.requireNonNull(renderers);
        this.ledger = new Ledger(context);
    }

    @Override
    public Page<HistoryEntry> history(Actor actor, CompanyId companyId, Scope scope, PageRequest page) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(page, "page");
        HistoryCursor.Position after = page.cursor() == null ? null : HistoryCursor.read(page.cursor());
        return context.read(() -> {
            context.access().reach(actor, companyId);
            // The stores read the page from the company's scope, not a list of the tree's companies;
            // the rows name their buyer as issued. One more of each than the page shows: the merge then
            // knows whether another page follows.
            CompanyScope covered = CompanyScope.of(companyId, scope, context.storage().companies());
            List<Invoice> invoices = context.storage().invoices().findInScope(covered,
                    after == null ? null : after.invoices(), page.size() + 1);
            List<CreditNote> notes = context.storage().creditNotes().findInScope(covered,
                    after == null ? null : after.creditNotes(), page.size() + 1);
            List<Object> merged = new ArrayList<>(page.size() + 1);
            int i = 0;
            int c = 0;
            while (merged.size() <= page.size() && (i < invoices.size() || c < notes.size())) {
                boolean noteFirst = i == invoices.size() || c < notes.size()
                        && !notes.get(c).issuedAt().isBefore(invoices.get(i).issuedAt());
                merged.add(noteFirst ? notes.get(c++) : invoices.get(i++));
            }
            boolean more = merged.size() > page.size();
            List<Object> shown = more ? merged.subList(0, page.size()) : merged;
            Map<InvoiceId, List<Payment>> payments = context.storage().payments()
                    .findByInvoices(shown.stream().filter(Invoice.class::isInstance).map(row -> ((Invoice) row).id())
                            .toList()).stream()
                    .collect(Collectors.groupingBy(Payment::invoiceId));
            List<HistoryEntry> rows = shown.stream().map(row -> row instanceof Invoice invoice
                    ? (HistoryEntry) new InvoiceSummary(invoice.id(), invoice.number(), invoice.companyId(),
                            invoice.buyer().name(), invoice.issuedAt(), invoice.dueAt(), invoice.total(),
                            invoice.amountDue(), invoice.state(), payments.getOrDefault(invoice.id(), List.of()))
                    : summary((CreditNote) row)).toList();
            String next = null;
            if (more) {
                Object last = shown.get(shown.size() - 1);
                next = HistoryCursor.write(last instanceof Invoice invoice ? HistoryCursor.Position.after(invoice)
                        : HistoryCursor.Position.after((CreditNote) last));
            }
            return new Page<>(rows, next);
        });
    }

    private static CreditNoteSummary summary(CreditNote note) {
        return new CreditNoteSummary(note.id(), note.number(), note.companyId(), note.buyer().name(), note.issuedAt(),
                note.total(), note.invoiceId(), note.invoiceNumber(), note.reason(), note.destination());
    }

    @Override
    public InvoiceDetail find(Actor actor, InvoiceId invoiceId) {
        return context.read(() -> {
            Invoice invoice = reach(actor, invoiceId);
            return new InvoiceDetail(invoice, context.storage().payments().findByInvoices(List.of(invoiceId)));
        });
    }

    @Override
    public InvoiceDocument document(Actor actor, InvoiceId invoiceId) {
        return render(renderers.unspecified(), actor, invoiceId);
    }

    @Override
    public InvoiceDocument document(Actor actor, InvoiceId invoiceId, DocumentFormat format) {
        return render(renderers.of(format), actor, invoiceId);
    }

    private InvoiceDocument render(InvoiceRenderer renderer, Actor actor, InvoiceId invoiceId) {
        InvoiceDetail detail = find(actor, invoiceId);
        InvoiceDocument document;
        try {
            document = renderer.render(detail.invoice(), detail.payments());
        } catch (BillingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PortException("renderer.render", "could not render invoice " + detail.invoice().number(), e);
        }
        if (document == null) {
            throw new PortException("renderer.render", "the renderer answered no document for invoice "
                    + detail.invoice().number(), null);
        }
        return document;
    }

    @Override
    public Optional<Invoice> preview(Actor actor, SubscriptionId subscriptionId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        return context.read(() -> {
            Subscription subscription = context.storage().subscriptions().findById(subscriptionId)
                    .filter(s -> context.access().reaches(actor, s.companyId()))
                    .orElseThrow(() -> new NotFoundException(EntityKind.SUBSCRIPTION, subscriptionId));
            Optional<Instant> next = subscription.state() == SubscriptionState.TRIALING
                    ? Optional.ofNullable(subscription.trialEnd())
                            .filter(end -> subscription.cancelAt() == null || end.isBefore(subscription.cancelAt()))
                    : subscription.nextInvoiceAt();
            Company company = context.storage().companies().findById(subscription.companyId()).orElseThrow();
            if (!context.access().reaches(actor, company.payer())) {
                return Optional.<Invoice>empty();
            }
            return next.map(periodStart -> invoicing.draft(subscription, company, periodStart)).map(draft -> {
                MonetaryAmount balance = Ledger.balance(ledger.latest(List.of(draft.companyId())), draft.companyId(),
                        draft.total());
                return balance.isPositive() ? draft.withCreditApplied(balance) : draft;
            });
        });
    }

    @Override
    public Optional<PaymentStatus> payNow(Actor actor, InvoiceId invoiceId) {
        Instant now = context.now();
        boolean open = context.write(Who.of(actor), now, changes -> {
            Invoice invoice = reach(actor, invoiceId);
            if (invoice.state() != InvoiceState.OPEN) {
                return false;
            }
            context.storage().invoices().update(invoice.attempted(invoice.paymentAttempts(), now));
            return true;
        });
        return open ? charging.collect(invoiceId, now, Who.of(actor)) : Optional.empty();
    }

    @Override
    public Invoice voidInvoice(InvoiceId invoiceId) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Instant now = context.now();
        return context.write(Who.PLATFORM, now, changes -> {
            Invoice invoice = context.storage().invoices().findById(invoiceId)
                    .orElseThrow(() -> new NotFoundException(EntityKind.INVOICE, invoiceId));
            if (invoice.state() == InvoiceState.PAID) {
                throw new RefusedException(new Refusal(RefusalCode.INVOICE_PAID,
                        "Invoice " + invoice.number() + " is paid; a paid invoice cannot be voided."));
            }
            if (invoice.state() != InvoiceState.OPEN) {
                throw new RefusedException(new Refusal(RefusalCode.INVOICE_CLOSED,
                        "Invoice " + invoice.number() + " is " + invoice.state() + " already."));
            }
            Invoice voided = context.storage().invoices().update(invoice.voided(now));
            changes.record(new InvoiceVoided(changes.newId(), now, invoice.companyId(), invoice.id(),
                    invoice.number()));
            outcomes.debtSettled(voided, changes);
            return voided;
        });
    }

    @Override
    public Payment refund(InvoiceId invoiceId) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Payment paid = context.read(() -> {
            Invoice invoice = context.storage().invoices().findById(invoiceId)
                    .orElseThrow(() -> new NotFoundException(EntityKind.INVOICE, invoiceId));
            List<Payment> payments = context.storage().payments().findByInvoices(List.of(invoiceId));
            return payments.stream().filter(p -> p.status().wasTaken() && p.status() != PaymentStatus.SUCCEEDED)
                    .findFirst()
                    .or(() -> payments.stream().filter(p -> p.status() == PaymentStatus.SUCCEEDED).findFirst()
                            .filter(p -> invoice.state() == InvoiceState.PAID))
                    .orElseThrow(() -> new RefusedException(new Refusal(RefusalCode.INVOICE_NOT_PAID,
                            "Invoice " + invoice.number() + " is " + invoice.state() + "; only a paid invoice is refunded.")));
        });
        if (!context.read(() -> context.storage().creditNotes().findByInvoice(invoiceId)).isEmpty()) {
            // What a credit note put on the balance or gave back would be given back a second time.
            throw new RefusedException(new Refusal(RefusalCode.EXCEEDS_REFUNDABLE, "Invoice " + invoiceId
                    + " was credited by credit notes; refund what is left with a credit note"
                    + " (Billing.credits().issue with REFUND)."));
        }
        if (!context.read(() -> context.storage().refunds().findByInvoice(invoiceId)).isEmpty()) {
            throw new RefusedException(new Refusal(RefusalCode.EXCEEDS_REFUNDABLE, "Invoice " + invoiceId
                    + " was refunded in part by credit notes; refund what is left with a credit note"
                    + " (Billing.credits().issue with REFUND)."));
        }
        if (paid.status() == PaymentStatus.REFUNDED || paid.status() == PaymentStatus.REFUND_PENDING) {
            return paid;
        }
        if (paid.status() == PaymentStatus.REFUND_FAILED) {
            throw new RefusedException(new Refusal(RefusalCode.REFUND_REFUSED, "The refund of invoice " + invoiceId
                    + " failed at the payment provider (" + paid.failureCode()
                    + "); the money stays with the seller."));
        }
        RefundOutcome outcome;
        try {
            outcome = context.payments().refund(new PaymentProvider.RefundRequest(invoiceId, paid.providerReference(),
                    paid.idempotencyKey(), paid.amount(), paid.refundKey()));
        } catch (RuntimeException e) {
            throw new PortException("payments.refund", "the refund of invoice " + invoiceId
                    + " failed without an answer; asking again is safe", e);
        }
        if (outcome == null) {
            throw new PortException("payments.refund", "the payment provider answered no outcome to the refund of"
                    + " invoice " + invoiceId, null);
        }
        if (outcome instanceof RefundOutcome.Declined declined && declined.reference() == null) {
            throw new RefusedException(new Refusal(RefusalCode.REFUND_REFUSED,
                    "The payment provider refused the refund: " + declined.message()));
        }
        if (outcome instanceof RefundOutcome.Unknown unknown) {
            throw new PortException("payments.refund", "the refund's outcome is unknown (" + unknown.detail()
                    + "); asking again is safe", null);
        }
        Instant now = context.now();
        Payment recorded = context.write(Who.PLATFORM, now, changes -> outcomes.recordRefund(
                context.storage().payments().findByIdempotencyKey(paid.idempotencyKey()).orElseThrow(), outcome, now,
                changes));
        if (recorded.status() == PaymentStatus.REFUND_FAILED) {
            throw new RefusedException(new Refusal(RefusalCode.REFUND_REFUSED,
                    "The refund of invoice " + invoiceId + " failed at the payment provider: " + recorded.message()));
        }
        return recorded;
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
