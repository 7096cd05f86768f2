package org.billingsdk.core.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.event.InvoiceIssued;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.tax.TaxLine;

/**
 * Makes invoices: a draft for one billing period of a subscription (bill-to frozen, VAT by the EU
 * rules, totals rounded to the currency), and its finalization with the next gapless number of the
 * seller's series for the year. Thread-safe.
 */
public final class Invoicing {

    private final Context context;

    public Invoicing(Context context) {
        this.context = context;
    }

    /** An unnumbered draft for the period of {@code subscription} that starts at {@code periodStart}. */
    public Invoice draft(Subscription subscription, Company company, Instant periodStart) {
        Plan plan = context.plan(subscription.planId());
        Product product = context.product(plan.productCode());
        Instant periodEnd = subscription.periodEndAfter(periodStart, plan.interval().months());
        InvoiceLine line = new InvoiceLine(product.code(), product.name(), subscription.id(), plan.id(), periodStart,
                periodEnd, plan.price());
        BillingDetails details = company.billingDetails();
        CountryCode country = details == null ? null : details.billingAddress().countryCode();
        MonetaryAmount subtotal = plan.price();
        TaxLine tax = context.vatRules().taxFor(subtotal, country, details == null ? Optional.empty() : details.vat());
        Party buyer = new Party(company.name(), company.effectiveBillingEmail(),
                details == null ? null : details.vatNumber(), details == null ? null : details.billingAddress());
        Party seller = new Party(context.seller().name(), null, context.seller().vatNumber().value(),
                context.seller().address());
        return new Invoice(InvoiceId.random(), company.id(), null, InvoiceState.DRAFT, seller, buyer, List.of(line),
                subtotal, tax, subtotal.add(tax.amount()), null, null, null, 0, null, 0);
    }

    /**
     * Issues the invoice of the period starting at {@code periodStart}, inside the caller's
     * transaction: numbered, stored, its event recorded. An invoice whose total is zero is not
     * issued and uses no number. A period someone else billed meanwhile is a lost race
     * ({@link ConcurrentUpdateException}), which the caller's write tries again.
     *
     * @return the issued invoice, or empty for a zero total
     */
    public Optional<Invoice> issue(Subscription subscription, Company company, Instant periodStart, Changes changes) {
        Invoice draft = draft(subscription, company, periodStart);
        if (draft.total().isZero()) {
            return Optional.empty();
        }
        Instant now = changes.now();
        String series = context.seller().invoiceSeriesPrefix() + "-" + now.atZone(ZoneOffset.UTC).getYear();
        InvoiceNumber number = new InvoiceNumber(series, context.storage().invoiceNumbers().next(series));
        Invoice issued;
        try {
            issued = context.storage().invoices()
                    .insert(draft.finalized(number, now, now.plus(context.terms().paymentTerms())));
        } catch (DuplicateKeyException e) {
            // Another node (or the billing run) billed this period first: a lost race, tried again
            // from a fresh read, which finds the period billed.
            throw new ConcurrentUpdateException("subscription", subscription.id(), subscription.version(), e);
        }
        changes.record(new InvoiceIssued(changes.newId(), now, company.id(), issued.id(), number.toString(),
                Amounts.format(issued.total())));
        return Optional.of(issued);
    }
}
