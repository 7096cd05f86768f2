package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
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
import org.billingsdk.core.event.InvoiceVoided;
import org.billingsdk.core.history.InvoiceDetail;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.history.Invoices;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.port.InvoiceRenderer;
import org.billingsdk.core.port.InvoiceStore;
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
    private final InvoiceRenderer renderer;

    public InvoicesService(Context context, Invoicing invoicing, Charging charging, OutcomeRecording outcomes,
            InvoiceRenderer renderer) {
        this.context = Objects.requireNonNull(context);
        this.invoicing = Objects.requireNonNull(invoicing);
        this.charging = Objects.requireNonNull(charging);
        this.outcomes = Objects.requireNonNull(outcomes);
        this.renderer = Objects.requireNonNull(renderer);
    }

    @Override
    public Page<InvoiceSummary> history(Actor actor, CompanyId companyId, Scope scope, PageRequest page) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(page, "page");
        InvoiceStore.Cursor after = page.cursor() == null ? null : HistoryCursor.read(page.cursor());
        return context.read(() -> {
            Company company = context.access().reach(actor, companyId);
            Map<CompanyId, String> names = new HashMap<>();
            List<Company> companies = scope == Scope.COMPANY_ONLY
                    ? List.of(company)
                    : context.storage().companies().findSubtree(companyId);
            companies.forEach(each -> names.put(each.id(), each.name()));
            List<Invoice> invoices = context.storage().invoices().findByCompanies(names.keySet(), after,
                    page.size() + 1);
            boolean more = invoices.size() > page.size();
            List<Invoice> shown = more ? invoices.subList(0, page.size()) : invoices;
            Map<InvoiceId, List<Payment>> payments = context.storage().payments()
                    .findByInvoices(shown.stream().map(Invoice::id).toList()).stream()
                    .collect(Collectors.groupingBy(Payment::invoiceId));
            List<InvoiceSummary> rows = shown.stream()
                    .map(invoice -> new InvoiceSummary(invoice.id(), invoice.number(), invoice.companyId(),
                            invoice.buyer().name(), invoice.issuedAt(), invoice.dueAt(), invoice.total(),
                            invoice.amountDue(), invoice.state(), payments.getOrDefault(invoice.id(), List.of())))
                    .toList();
            String next = more ? HistoryCursor.write(shown.get(shown.size() - 1)) : null;
            return new Page<>(rows, next);
        });
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
            return next.map(periodStart -> invoicing.draft(subscription, company, periodStart));
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
