package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteLine;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.credit.Creditable;
import org.billingsdk.core.event.VatNumberChecked;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.VatNumberVerifier;
import org.billingsdk.core.tax.UnverifiedVatPolicy;
import org.billingsdk.core.tax.VatTreatment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the {@link VatNumberVerifier} about companies' VAT numbers, outside any transaction, and
 * keeps its answers as their evidence; under {@link UnverifiedVatPolicy#CHARGE_VAT_UNTIL_VERIFIED}
 * corrects the paid invoices that charged VAT before a number was confirmed.
 */
final class VatChecks {

    private static final Logger LOG = LoggerFactory.getLogger(VatChecks.class);
    private static final int PAGE = 100;

    private final Context context;
    private final Invoicing invoicing;
    private final CreditsService credits;

    VatChecks(Context context, Invoicing invoicing, CreditsService credits) {
        this.context = Objects.requireNonNull(context);
        this.invoicing = Objects.requireNonNull(invoicing);
        this.credits = Objects.requireNonNull(credits);
    }

    /**
     * Asks about the company's EU VAT number unless the register already answered about it.
     *
     * @return the company as stored afterwards
     */
    Company ifUnconfirmed(Company company, Who who) {
        VatCheck check = company.vatCheck();
        return check != null && !check.isUnavailable() ? company : now(company, who);
    }

    /**
     * Asks about the company's EU VAT number now, and stores the answer if the company still has
     * that number.
     *
     * @return the company as stored afterwards; unchanged without a verifier or an EU number
     */
    Company now(Company company, Who who) {
        Optional<VatNumberVerifier> verifier = context.verifier();
        Optional<VatNumber> number = company.vatNumber().filter(VatNumber::isEu);
        if (verifier.isEmpty() || number.isEmpty()) {
            return company;
        }
        VatCheck answer = ask(verifier.get(), number.get());
        return context.write(who, context.now(), changes -> {
            Company current = context.storage().companies().findById(company.id()).orElseThrow();
            if (!current.vatNumber().equals(number)) {
                return current; // changed meanwhile: that change asks about its own number
            }
            VatCheck previous = current.vatCheck();
            Company answered = current.answered(answer);
            if (answered == current) {
                return current; // an outage going on, or an answer older than the one kept
            }
            Company saved = context.storage().companies().update(answered);
            changes.record(VatNumberChecked.of(changes.newId(), changes.now(), saved.id(), answer, previous));
            boolean confirmedAfterOutage = answer.isValid() && previous != null && previous.isUnavailable();
            if (confirmedAfterOutage && context.vatRules().verification()
                    .filter(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED::equals).isPresent()) {
                for (Invoice invoice : chargedVatSince(saved.id(), number.get(), previous.checkedAt())) {
                    correct(invoice, number.get(), changes);
                }
            }
            return saved;
        });
    }

    /**
     * As {@link #ifUnconfirmed}, for a company just written by an operation that has succeeded: a
     * failure to ask or to store the answer is logged, not thrown (the company stays unconfirmed,
     * and the billing run asks again).
     */
    Company afterWrite(Company company, Who who) {
        try {
            return ifUnconfirmed(company, who);
        } catch (RuntimeException e) {
            LOG.warn("Checking the VAT number of company {} failed ({}); the billing run asks again", company.id(),
                    e.toString());
            return company;
        }
    }

    /**
     * Asks the register, counting anything thrown as unavailable. An unavailable register is dated
     * by the SDK's clock, when it was asked: that date bounds the invoices a later confirmation
     * corrects.
     */
    private VatCheck ask(VatNumberVerifier verifier, VatNumber number) {
        Instant asked = context.now();
        VatCheck answer;
        try {
            answer = verifier.check(number, context.seller().vatNumber());
        } catch (RuntimeException e) {
            LOG.warn("The VAT number verifier failed on {} ({}); counted as unavailable", number, e.toString());
            return VatCheck.unavailable(number, asked, "ERROR");
        }
        if (answer == null || !answer.number().equals(number)) {
            LOG.warn("The VAT number verifier answered about {} when asked about {}; counted as unavailable",
                    answer == null ? null : answer.number(), number);
            return VatCheck.unavailable(number, asked, "ERROR");
        }
        return answer.isUnavailable() ? VatCheck.unavailable(number, asked, answer.failure()) : answer;
    }

    /**
     * The invoices issued to the company with {@code number} since {@code since} (when the register
     * was first found unavailable about it) that charged VAT on it, newest first, stopping at one
     * issued with another number, or reverse-charged with it (when it last counted).
     */
    private List<Invoice> chargedVatSince(CompanyId company, VatNumber number, Instant since) {
        List<Invoice> found = new ArrayList<>();
        InvoiceStore.Cursor after = null;
        while (true) {
            List<Invoice> page = context.storage().invoices().findByCompanies(List.of(company), after, PAGE);
            for (Invoice invoice : page) {
                if (invoice.issuedAt().isBefore(since) || !number.equals(invoice.buyer().vatNumber())
                        || reverseCharged(invoice)) {
                    return found;
                }
                if (!correctable(invoice, number).isEmpty()) {
                    found.add(invoice);
                }
            }
            if (page.size() < PAGE) {
                return found;
            }
            after = InvoiceStore.Cursor.after(page.get(page.size() - 1));
        }
    }

    /**
     * Whether a line that charges was reverse-charged (not a line crediting an earlier one, which
     * keeps that line's VAT).
     */
    private static boolean reverseCharged(Invoice invoice) {
        return invoice.lines().stream().anyMatch(line -> !line.isCredit()
                && line.tax().treatment() == VatTreatment.REVERSE_CHARGE);
    }

    /** The lines of {@code invoice} that charged the VAT of {@code number}'s country, by position. */
    private static List<Integer> correctable(Invoice invoice, VatNumber number) {
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < invoice.lines().size(); i++) {
            InvoiceLine line = invoice.lines().get(i);
            if (!line.isCredit() && line.amount().isPositive()
                    && line.tax().treatment() == VatTreatment.DESTINATION_RATE
                    && number.country().equals(line.tax().country())) {
                lines.add(i);
            }
        }
        return lines;
    }

    /**
     * Credits the VAT-charging lines of a paid invoice whole (their VAT with them) to the balance,
     * and invoices the same net amounts again with the VAT the confirmed number decides, settled
     * from that balance. Only what can be put right without touching what came after it: an invoice
     * that is paid and not refunded, whose VAT-charging lines nothing has credited (no credit note,
     * no change in their period) and that no other invoice bills the same periods of. Any other is
     * left as it is and logged, for the host to correct.
     */
    private void correct(Invoice invoice, VatNumber number, Changes changes) {
        List<Integer> lines = correctable(invoice, number);
        Optional<String> obstacle = obstacle(invoice, lines);
        if (obstacle.isPresent()) {
            LOG.warn("Invoice {} charged VAT before VAT number {} was confirmed and is not corrected: {}; "
                    + "correct it by hand", invoice.number(), number, obstacle.get());
            return;
        }
        List<CreditRequest.Line> asked = lines.stream().map(CreditRequest.Line::remainderOf).toList();
        CreditRequest request = CreditRequest.of(CreditReason.VAT_CORRECTION, CreditDestination.BALANCE,
                asked.toArray(CreditRequest.Line[]::new)).withMemo("VAT number " + number + " confirmed");
        InvoiceId id = invoice.id();
        CreditNote note = credits.issueIn(invoice, request, changes,
                () -> context.storage().invoices().findById(id).orElseThrow());
        List<InvoiceLine> again = new ArrayList<>();
        for (CreditNoteLine credited : note.lines()) {
            InvoiceLine line = invoice.lines().get(credited.invoiceLine());
            again.add(new InvoiceLine(line.productCode(), line.description(), line.subscriptionId(), line.planId(),
                    line.periodStart(), line.periodEnd(), line.quantity(), line.unitPrice(), credited.amount(),
                    context.vatRules().taxFor(credited.amount(), line.tax().country(), Optional.of(number)),
                    InvoiceLine.Kind.VAT_CORRECTION, line.companyId(), line.companyName()));
        }
        invoicing.issue(Invoice.draftOf(InvoiceId.random(), invoice.companyId(), invoice.seller(), invoice.buyer(),
                again), changes);
    }

    /** Why {@code invoice}'s VAT-charging {@code lines} cannot be corrected safely, or empty when they can. */
    private Optional<String> obstacle(Invoice invoice, List<Integer> lines) {
        if (invoice.state() != InvoiceState.PAID) {
            return Optional.of("it is " + invoice.state());
        }
        List<Payment> payments = context.storage().payments().findByInvoices(List.of(invoice.id()));
        if (payments.stream().anyMatch(payment -> payment.status().wasTaken()
                && payment.status() != PaymentStatus.SUCCEEDED)
                || !context.storage().refunds().findByInvoice(invoice.id()).isEmpty()) {
            return Optional.of("its payment was refunded");
        }
        if (!context.storage().creditNotes().findByInvoice(invoice.id()).isEmpty()) {
            return Optional.of("it was credited");
        }
        Creditable creditable = credits.creditableOf(invoice);
        for (int position : lines) {
            InvoiceLine line = invoice.lines().get(position);
            if (!creditable.net(position).isEqualTo(line.amount())) {
                return Optional.of("a change credited line " + (position + 1));
            }
            boolean alone = context.storage().invoices().findBySubscriptionPeriodEnd(line.subscriptionId(),
                    line.periodEnd()).stream().filter(other -> other.state() != InvoiceState.VOID)
                    .allMatch(other -> other.id().equals(invoice.id()));
            if (!alone) {
                return Optional.of("another invoice bills the period of line " + (position + 1));
            }
        }
        return Optional.empty();
    }
}
