package org.billingsdk.core.invoice;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.billingsdk.core.Actor;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.PortException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.event.InvoiceVoided;
import org.billingsdk.core.event.PaymentRefunded;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.internal.Collection;
import org.billingsdk.core.internal.Context;
import org.billingsdk.core.internal.Invoicing;
import org.billingsdk.core.internal.Who;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.port.InvoiceRenderer;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;

/**
 * The portal's "Billing History": a company's invoices (and its descendants'), newest first and
 * paged, each with its payment attempts; an invoice's detail and document; a preview of the next
 * invoice; paying an open invoice now; and voiding (a host operation). Obtained from
 * {@code Billing.invoices()}; thread-safe. The access rule applies as everywhere.
 */
public final class Invoices {

    private final Context context;
    private final Invoicing invoicing;
    private final Collection collection;
    private final InvoiceRenderer renderer;

    /**
     * For {@code Billing}; hosts obtain this from {@code Billing.invoices()}.
     *
     * @param context the SDK's storage, ports and clock; internal
     * @param invoicing drafts and issues invoices; internal
     * @param collection charges invoices and records the outcomes; internal
     * @param renderer renders invoice documents
     */
    public Invoices(Context context, Invoicing invoicing, Collection collection, InvoiceRenderer renderer) {
        this.context = Objects.requireNonNull(context);
        this.invoicing = Objects.requireNonNull(invoicing);
        this.collection = Objects.requireNonNull(collection);
        this.renderer = Objects.requireNonNull(renderer);
    }

    /**
     * A page of the billing history, newest first: issued invoices (drafts never appear) with
     * number, dates, total, state and payment attempts.
     *
     * @param actor who asks; the company must be within its reach
     * @param companyId the company whose history to read
     * @param scope that company only, or with its descendants' invoices too
     * @param page the page size and, after the first page, the cursor the previous page gave
     * @return the invoices of the page, newest first (by issue time, then the highest number first,
     *     then by id), and the cursor of the next page, or none after the last
     * @throws NotFoundException if the company is missing or out of the actor's reach
     * @throws InvalidInputException naming {@code page.cursor} if the cursor is not exactly one
     *     this SDK gave
     */
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
                            invoice.state(), payments.getOrDefault(invoice.id(), List.of())))
                    .toList();
            String next = more ? HistoryCursor.write(shown.get(shown.size() - 1)) : null;
            return new Page<>(rows, next);
        });
    }

    /**
     * An invoice and its payment attempts.
     *
     * @param actor who asks; the invoice's company must be within its reach
     * @param invoiceId the invoice
     * @return the invoice with its attempts, oldest first
     * @throws NotFoundException if the invoice is missing or out of the actor's reach
     */
    public InvoiceDetail find(Actor actor, InvoiceId invoiceId) {
        return context.read(() -> {
            Invoice invoice = reach(actor, invoiceId);
            return new InvoiceDetail(invoice, context.storage().payments().findByInvoices(List.of(invoiceId)));
        });
    }

    /**
     * The invoice's document, rendered by the configured {@link InvoiceRenderer} (HTML by default).
     * Rendered anew on each call, with the invoice's current state and payments.
     *
     * @param actor who asks; the invoice's company must be within its reach
     * @param invoiceId the invoice
     * @return the document, with its file name and media type
     * @throws NotFoundException if the invoice is missing or out of the actor's reach
     */
    public InvoiceDocument document(Actor actor, InvoiceId invoiceId) {
        InvoiceDetail detail = find(actor, invoiceId);
        return renderer.render(detail.invoice(), detail.payments());
    }

    /**
     * What the next invoice of a subscription will look like: a draft, never numbered or stored.
     *
     * @param actor who asks; the subscription's company must be within its reach
     * @param subscriptionId the subscription
     * @return the draft, or empty when no further period will be invoiced (in a trial that ends in
     *     a cancellation, or once cancelled)
     * @throws NotFoundException if the subscription is missing or out of the actor's reach
     */
    public Optional<Invoice> preview(Actor actor, SubscriptionId subscriptionId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        return context.read(() -> {
            Subscription subscription = context.storage().subscriptions().findById(subscriptionId)
                    .filter(s -> context.access().reaches(actor, s.companyId()))
                    .orElseThrow(() -> new NotFoundException("subscription", subscriptionId));
            Optional<Instant> next = subscription.state() == SubscriptionState.TRIALING
                    ? Optional.ofNullable(subscription.trialEnd())
                            .filter(end -> subscription.cancelAt() == null || end.isBefore(subscription.cancelAt()))
                    : subscription.nextInvoiceAt();
            Company company = context.storage().companies().findById(subscription.companyId()).orElseThrow();
            return next.map(periodStart -> invoicing.draft(subscription, company, periodStart));
        });
    }

    /**
     * Charges an open invoice now (after the customer fixed their payment method, say): a new
     * attempt, or the reconciliation of a pending or unknown one under its own key. The provider
     * is called outside any transaction; a provider failure is recorded as an unknown outcome,
     * which the billing run reconciles.
     *
     * @param actor who asks, recorded in the audit trail; the invoice's company must be within
     *     its reach
     * @param invoiceId the invoice
     * @return the attempt's status, or empty when the invoice is not open
     * @throws NotFoundException if the invoice is missing or out of the actor's reach
     */
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
        return open ? collection.collect(invoiceId, now, Who.of(actor)) : Optional.empty();
    }

    /**
     * Voids an open invoice: a host operation (no actor), recorded as done by the platform. The
     * invoice keeps its number; a paid one cannot be voided. A past-due subscription whose debt
     * this was is active again.
     *
     * @param invoiceId the invoice
     * @return the invoice as stored, {@code VOID}
     * @throws RefusedException with {@code INVOICE_PAID} or {@code INVOICE_CLOSED}
     * @throws NotFoundException if there is no such invoice
     */
    public Invoice voidInvoice(InvoiceId invoiceId) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Instant now = context.now();
        return context.write(Who.PLATFORM, now, changes -> {
            Invoice invoice = context.storage().invoices().findById(invoiceId)
                    .orElseThrow(() -> new NotFoundException("invoice", invoiceId));
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
                    invoice.number().toString()));
            collection.debtSettled(voided, changes);
            return voided;
        });
    }

    /**
     * Gives the money of a paid invoice back, in full: a host operation, recorded as done by the
     * platform. The invoice stays paid and keeps its number (issue a credit note in your
     * accounting); its payment becomes {@link PaymentStatus#REFUNDED}. Safe to repeat: the
     * refund's idempotency key is derived from the payment, so the provider never refunds twice,
     * and a refunded invoice answers its refunded payment again.
     *
     * @param invoiceId the paid invoice
     * @return the refunded payment
     * @throws NotFoundException if there is no such invoice
     * @throws RefusedException with {@code INVOICE_NOT_PAID}, or {@code REFUND_REFUSED} when the
     *     provider refused
     * @throws PortException if the provider's answer was lost (asking again is safe)
     */
    public Payment refund(InvoiceId invoiceId) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Payment paid = context.read(() -> {
            Invoice invoice = context.storage().invoices().findById(invoiceId)
                    .orElseThrow(() -> new NotFoundException("invoice", invoiceId));
            List<Payment> payments = context.storage().payments().findByInvoices(List.of(invoiceId));
            return payments.stream().filter(p -> p.status() == PaymentStatus.REFUNDED).findFirst()
                    .or(() -> payments.stream().filter(p -> p.status() == PaymentStatus.SUCCEEDED).findFirst()
                            .filter(p -> invoice.state() == InvoiceState.PAID))
                    .orElseThrow(() -> new RefusedException(new Refusal(RefusalCode.INVOICE_NOT_PAID,
                            "Invoice " + invoice.number() + " is " + invoice.state() + "; only a paid invoice is refunded.")));
        });
        if (paid.status() == PaymentStatus.REFUNDED) {
            return paid;
        }
        ChargeOutcome outcome;
        try {
            outcome = context.payments().refund(new PaymentProvider.RefundRequest(invoiceId, paid.providerReference(),
                    paid.amount(), paid.refundKey()));
        } catch (RuntimeException e) {
            throw new PortException("payments.refund", "the refund of invoice " + invoiceId
                    + " failed without an answer; asking again is safe", e);
        }
        if (outcome instanceof ChargeOutcome.Declined declined) {
            throw new RefusedException(new Refusal(RefusalCode.REFUND_REFUSED,
                    "The payment provider refused the refund: " + declined.message()));
        }
        if (outcome instanceof ChargeOutcome.Unknown unknown) {
            throw new PortException("payments.refund", "the refund's outcome is unknown (" + unknown.detail()
                    + "); asking again is safe", null);
        }
        String reference = outcome instanceof ChargeOutcome.Succeeded succeeded ? succeeded.providerReference()
                : ((ChargeOutcome.Pending) outcome).providerReference();
        Instant now = context.now();
        return context.write(Who.PLATFORM, now, changes -> {
            Payment current = context.storage().payments().findByIdempotencyKey(paid.idempotencyKey()).orElseThrow();
            if (current.status() == PaymentStatus.REFUNDED) {
                return current;
            }
            Payment refunded = context.storage().payments().update(current.refunded(reference, now));
            changes.record(new PaymentRefunded(changes.newId(), now, current.companyId(), invoiceId,
                    current.attempt(), reference, Amounts.format(current.amount())));
            return refunded;
        });
    }

    private Invoice reach(Actor actor, InvoiceId invoiceId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(invoiceId, "invoiceId");
        return context.storage().invoices().findById(invoiceId)
                .filter(invoice -> invoice.state() != InvoiceState.DRAFT)
                .filter(invoice -> context.access().reaches(actor, invoice.companyId()))
                .orElseThrow(() -> new NotFoundException("invoice", invoiceId));
    }
}
