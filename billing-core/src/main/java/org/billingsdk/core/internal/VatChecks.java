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
                return current;
            }
            Company saved = context.storage().companies().update(answered);
            if (!(answer.isUnavailable() && previous != null && previous.isUnavailable())) {
                changes.record(VatNumberChecked.of(changes.newId(), saved.id(), answer, previous));
            }
            boolean confirmed = answer.isValid() && (previous == null || previous.isUnavailable());
            if (confirmed && context.vatRules().verification()
                    .filter(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED::equals).isPresent()) {
                for (Invoice invoice : chargedVatBefore(saved.id(), number.get())) {
                    correct(invoice, number.get(), changes);
                }
            }
            return saved;
        });
    }

    /** Asks the register, counting anything thrown as unavailable. */
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
        return answer;
    }

    /**
     * The paid invoices issued to the company with {@code number} that charged VAT on it, newest
     * first: back to the first issued with another number (or none), or reverse-charged with it
     * (when it last counted, which earlier ones are corrected up to already).
     */
    private List<Invoice> chargedVatBefore(CompanyId company, VatNumber number) {
        List<Invoice> found = new ArrayList<>();
        InvoiceStore.Cursor after = null;
        while (true) {
            List<Invoice> page = context.storage().invoices().findByCompanies(List.of(company), after, PAGE);
            for (Invoice invoice : page) {
                if (!number.equals(invoice.buyer().vatNumber()) || reverseCharged(invoice)) {
                    return found;
                }
                if (invoice.state() == InvoiceState.PAID && !correctable(invoice, number).isEmpty()) {
                    found.add(invoice);
                }
            }
            if (page.size() < PAGE) {
                return found;
            }
            after = InvoiceStore.Cursor.after(page.get(page.size() - 1));
        }
    }

    private static boolean reverseCharged(Invoice invoice) {
        return invoice.lines().stream().anyMatch(line -> line.tax().treatment() == VatTreatment.REVERSE_CHARGE);
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
     * Credits what the VAT-charging lines of a paid invoice still hold (their VAT with them) to the
     * balance, and invoices the same net amounts again with the VAT the confirmed number decides,
     * settled from that balance.
     */
    private void correct(Invoice invoice, VatNumber number, Changes changes) {
        Creditable creditable = credits.creditableOf(invoice);
        List<CreditRequest.Line> asked = correctable(invoice, number).stream()
                .filter(line -> creditable.net(line).isPositive()).map(CreditRequest.Line::remainderOf).toList();
        if (asked.isEmpty()) {
            return;
        }
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
}
