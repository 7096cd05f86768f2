package org.billingsdk.core.history;

import java.util.Optional;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.PortException;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.DocumentFormat;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.port.InvoiceRenderer;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * The portal's "Billing History": a company's invoices and credit notes (and its descendants'),
 * newest first and paged, each invoice with its payment attempts; an invoice's detail and
 * document; a preview of the next invoice; paying an open invoice now; and voiding (a host operation). Obtained from
 * {@code Billing.invoices()}; thread-safe. The access rule applies as everywhere.
 */
public interface Invoices {

    /**
     * A page of the billing history, newest first: issued invoices (drafts never appear) with
     * number, dates, total, state and payment attempts, and the credit notes issued on them beside
     * them, with number, the invoice they correct, total, reason and what the credit did.
     *
     * @param actor who asks; the company must be within its reach
     * @param companyId the company whose history to read
     * @param scope that company only, or with its descendants' invoices too
     * @param page the page size and, after the first page, the cursor the previous page gave
     * @return the invoices ({@link InvoiceSummary}) and credit notes ({@link CreditNoteSummary}) of
     *     the page, newest first (by issue time; at one instant credit notes before invoices, each
     *     the highest number first, then by id), and the cursor of the next page, or none after the
     *     last
     * @throws NotFoundException if the company is missing or out of the actor's reach
     * @throws InvalidInputException naming {@code page.cursor} if the cursor is not exactly one
     *     this SDK gave
     */
    Page<HistoryEntry> history(Actor actor, CompanyId companyId, Scope scope, PageRequest page);

    /**
     * An invoice and its payment attempts.
     *
     * @param actor who asks; the invoice's company must be within its reach
     * @param invoiceId the invoice
     * @return the invoice with its attempts, oldest first
     * @throws NotFoundException if the invoice is missing or out of the actor's reach
     */
    InvoiceDetail find(Actor actor, InvoiceId invoiceId);

    /**
     * The invoice's document, rendered by the configured {@link InvoiceRenderer} (HTML by default).
     * Rendered anew on each call, with the invoice's current state and payments.
     *
     * @param actor who asks; the invoice's company must be within its reach
     * @param invoiceId the invoice
     * @return the document, with its file name and media type
     * @throws NotFoundException if the invoice is missing or out of the actor's reach
     * @throws PortException if the renderer failed or answered no document (its exception is the cause)
     */
    InvoiceDocument document(Actor actor, InvoiceId invoiceId);

    /**
     * The invoice's document in {@code format}, rendered by the renderer registered for it
     * ({@code Billing.Builder.renderer(DocumentFormat, InvoiceRenderer)}; {@code Billing.documentFormats()}
     * lists them). Rendered anew on each call, as {@link #document(Actor, InvoiceId)} is.
     *
     * @param actor who asks; the invoice's company must be within its reach
     * @param invoiceId the invoice
     * @param format the format, such as {@link DocumentFormat#PDF}
     * @return the document, with its file name and media type
     * @throws InvalidInputException naming {@code format} if no renderer is registered for it
     *     (nothing is read)
     * @throws NotFoundException if the invoice is missing or out of the actor's reach
     * @throws PortException if the renderer failed or answered no document (its exception is the cause)
     */
    InvoiceDocument document(Actor actor, InvoiceId invoiceId, DocumentFormat format);

    /**
     * What the next invoice of a subscription will look like: a draft, never numbered or stored,
     * with the payer's credit balance as it is now applied to it ({@code creditApplied} and what
     * would be left due; invoices issued before it may use the balance first). It is made out to
     * the company's payer ({@code Company.payer()}), so it is shown only to an actor that reaches
     * the payer too: a child whose parent pays does not see the parent's billing details.
     *
     * @param actor who asks; the subscription's company must be within its reach
     * @param subscriptionId the subscription
     * @return the draft, or empty when no further period will be invoiced (in a trial that ends in
     *     a cancellation, or once cancelled), or when the payer is out of the actor's reach
     * @throws NotFoundException if the subscription is missing or out of the actor's reach
     */
    Optional<Invoice> preview(Actor actor, SubscriptionId subscriptionId);

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
    Optional<PaymentStatus> payNow(Actor actor, InvoiceId invoiceId);

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
    Invoice voidInvoice(InvoiceId invoiceId);

    /**
     * Gives the money of a paid invoice back, in full: a host operation, recorded as done by the
     * platform, without a credit note (for a refund with its credit note, in part or in full, use
     * {@code Billing.credits().issue} with {@code REFUND}). The invoice stays paid and keeps its
     * number; its payment becomes {@link PaymentStatus#REFUNDED}, or
     * {@link PaymentStatus#REFUND_PENDING} while the provider takes days (a SEPA refund) and reports
     * the end through {@code Billing.payments().recordRefundOutcome}. Safe to repeat: the refund's
     * idempotency key is derived from the payment, so the provider never refunds twice, and an
     * invoice refunded or being refunded answers its payment again.
     *
     * @param invoiceId the paid invoice
     * @return the payment, {@code REFUNDED} or {@code REFUND_PENDING}
     * @throws NotFoundException if there is no such invoice
     * @throws RefusedException with {@code INVOICE_NOT_PAID}, {@code EXCEEDS_REFUNDABLE} when a credit
     *     note credited or refunded any of it already (refund what is left with a credit note), or
     *     {@code REFUND_REFUSED} when the provider refused or the refund failed ({@code REFUND_FAILED}:
     *     the money stays with the seller)
     * @throws PortException if the provider's answer was lost (asking again is safe)
     */
    Payment refund(InvoiceId invoiceId);
}
