package org.billingsdk.core.credit;

import java.util.List;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.DocumentFormat;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.invoice.InvoiceId;

/**
 * Credit notes and credit balances. Obtained from {@code Billing.credits()}; thread-safe. Every
 * operation takes the actor it is done for: the actor must reach the invoice's or the company's
 * company by the access rule, or it is not found for them. Issuing is recorded in the audit trail
 * as done by that actor.
 */
public interface Credits {

    /**
     * Issues a credit note on an issued invoice: numbered in the seller's credit-note series of the
     * year (gapless, also when several nodes issue at once), its lines reversing the requested
     * invoice lines at their own VAT treatment and rate (see {@link Creditable}), never more than
     * the invoice still holds after earlier credit notes. What the credit does:
     * <ul>
     *   <li>{@link CreditDestination#AMOUNT_DUE} on an open or uncollectible invoice: its amount due
     *       goes down by the credit note's total; an invoice with nothing left due is paid, and its
     *       past-due subscriptions recover. What exceeds the amount due (the part the credit
     *       balance settled at issue) goes back to the credit balance;</li>
     *   <li>{@link CreditDestination#BALANCE} on a paid invoice: the total goes on the company's
     *       credit balance, applied to its next invoices before they are charged;</li>
     *   <li>{@link CreditDestination#REFUND} on a paid invoice: the total is refunded to the payment
     *       method its payment was made with, at most what its payments took and no refund has given
     *       back or asked to give back. The refund is stored {@code REQUESTED} with the credit note,
     *       then asked of the provider under the key {@link Refund#keyOf} once they are committed;
     *       its answer is recorded ({@code PENDING}, {@code SUCCEEDED}, or {@code FAILED}, which puts
     *       the amount on the credit balance); a lost answer leaves it {@code REQUESTED}, and the
     *       billing run asks again under the same key. {@link #refunds} tells where it stands.</li>
     * </ul>
     * Emits {@code CreditNoteIssued}, then {@code InvoicePaid} or {@code CreditBalanceChanged} as it
     * happens. Nothing is stored when it throws.
     *
     * @param actor who issues it; must reach the invoice's company
     * @param invoiceId the invoice to credit
     * @param request which lines, how much, why, and what the credit does
     * @return the credit note as stored
     * @throws org.billingsdk.core.InvalidInputException naming every problem of the request
     * @throws org.billingsdk.core.NotFoundException if there is no such issued invoice for the actor
     * @throws org.billingsdk.core.RefusedException with {@code EXCEEDS_CREDITABLE} if it asks for more
     *     than a line or the invoice still holds; {@code INVOICE_PAID} for {@code AMOUNT_DUE} on a
     *     paid invoice; {@code INVOICE_NOT_PAID} for {@code BALANCE} or {@code REFUND} on an unpaid
     *     one; {@code EXCEEDS_REFUNDABLE} for a refund of more than is left to refund;
     *     {@code INVOICE_CLOSED} on a void invoice
     */
    CreditNote issue(Actor actor, InvoiceId invoiceId, CreditRequest request);

    /**
     * Finds a credit note.
     *
     * @param actor who asks; must reach its company
     * @param creditNoteId the credit note
     * @return it, with every field
     * @throws org.billingsdk.core.NotFoundException if there is none for the actor
     */
    CreditNote find(Actor actor, CreditNoteId creditNoteId);

    /**
     * The refunds credit notes asked for on an invoice, oldest first, with where each stands.
     *
     * @param actor who asks; must reach the invoice's company
     * @param invoiceId the invoice
     * @return its refunds; empty when it has none
     * @throws org.billingsdk.core.NotFoundException if there is no such issued invoice for the actor
     */
    List<Refund> refunds(Actor actor, InvoiceId invoiceId);

    /**
     * A credit note's document, rendered by the host's renderer (HTML by default).
     *
     * @param actor who asks; must reach its company
     * @param creditNoteId the credit note
     * @return the document, named after the credit note's number
     * @throws org.billingsdk.core.NotFoundException if there is none for the actor
     * @throws org.billingsdk.core.PortException naming {@code renderer.renderCreditNote} if the
     *     renderer fails or renders invoices only
     */
    InvoiceDocument document(Actor actor, CreditNoteId creditNoteId);

    /**
     * A credit note's document in {@code format}, rendered by the renderer registered for it
     * ({@code Billing.Builder.renderer(DocumentFormat, InvoiceRenderer)}).
     *
     * @param actor who asks; must reach its company
     * @param creditNoteId the credit note
     * @param format the format, such as {@link DocumentFormat#PDF}
     * @return the document, named after the credit note's number
     * @throws org.billingsdk.core.InvalidInputException naming {@code format} if no renderer is
     *     registered for it (nothing is read)
     * @throws org.billingsdk.core.NotFoundException if there is none for the actor
     * @throws org.billingsdk.core.PortException naming {@code renderer.renderCreditNote} if the
     *     renderer fails or renders invoices only
     */
    InvoiceDocument document(Actor actor, CreditNoteId creditNoteId, DocumentFormat format);

    /**
     * The credit notes of an invoice, oldest first.
     *
     * @param actor who asks; must reach the invoice's company
     * @param invoiceId the invoice
     * @return its credit notes; empty when it has none
     * @throws org.billingsdk.core.NotFoundException if there is no such issued invoice for the actor
     */
    List<CreditNote> ofInvoice(Actor actor, InvoiceId invoiceId);

    /**
     * What an invoice still holds for credit, line by line: what a host shows before it asks for a
     * credit note.
     *
     * @param actor who asks; must reach the invoice's company
     * @param invoiceId the invoice
     * @return its lines' and its total's remainders after every credit note so far
     * @throws org.billingsdk.core.NotFoundException if there is no such issued invoice for the actor
     */
    Creditable creditable(Actor actor, InvoiceId invoiceId);

    /**
     * A company's credit balances, one per currency it has had credit in.
     *
     * @param actor who asks; must reach the company
     * @param companyId the company
     * @return the balances, zero ones included, ordered by currency code; empty when it never had credit
     * @throws org.billingsdk.core.NotFoundException if there is no such company for the actor
     */
    List<MonetaryAmount> balances(Actor actor, CompanyId companyId);

    /**
     * A page of a company's credit balance entries in one currency, newest first: credited by which
     * credit note, applied to which invoice.
     *
     * @param actor who asks; must reach the company
     * @param companyId the company
     * @param currency the balance's currency
     * @param page the page size and the cursor of the page before, if any
     * @return the page, and the cursor of the next one when there is one
     * @throws org.billingsdk.core.InvalidInputException if the cursor is not one this method gave
     * @throws org.billingsdk.core.NotFoundException if there is no such company for the actor
     */
    Page<CreditEntry> ledger(Actor actor, CompanyId companyId, CurrencyUnit currency, PageRequest page);
}
