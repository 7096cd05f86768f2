package org.billingsdk.core.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.event.InvoiceIssued;
import org.billingsdk.core.event.InvoicePaid;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.Timeline;

/**
 * Makes invoices: a draft for one billing period of a subscription (bill-to frozen, VAT by the EU
 * rules, totals rounded to the currency), and its finalization with the next gapless number of the
 * seller's series for the year. Thread-safe.
 */
public final class Invoicing {

    private final Context context;
    private final Ledger ledger;

    public Invoicing(Context context) {
        this.context = context;
        this.ledger = new Ledger(context);
    }

    /**
     * The draft of the period of {@code subscription} that starts at {@code periodStart} (see
     * {@link Invoice#draft}), to the company's payer.
     */
    public Invoice draft(Subscription subscription, Company company, Instant periodStart) {
        Plan plan = context.plan(subscription.planId());
        Company payer = payerOf(company);
        return draft(subscription, subscription.planId(), subscription.quantity(), company, payer,
                subscription.periodFrom(periodStart, plan.interval().months(), payer.billingDay()));
    }

    /**
     * The draft of a period that started, as {@link Subscription#advanceTo} told it, on its plan
     * and quantity, to the company's payer.
     */
    public Invoice draft(Subscription subscription, Company company, Timeline.PeriodStarted period) {
        return draft(subscription, company, payerOf(company), period);
    }

    /** {@link #draft(Subscription, Company, Timeline.PeriodStarted)} to a payer the caller has read. */
    public Invoice draft(Subscription subscription, Company company, Company payer, Timeline.PeriodStarted period) {
        return draft(subscription, subscription.planId(), subscription.quantity(), company, payer, period);
    }

    /**
     * The draft of a period that started, on {@code quantity} units of {@code planId}: the plan and
     * quantity in force when it started, which a change taking effect at its start sets; the
     * partial first period of an alignment to the payer's billing day is prorated
     * ({@link Invoice#draftForPart}). It is issued to {@code payer} (its billing details and VAT),
     * its line for {@code company}.
     */
    public Invoice draft(Subscription subscription, PlanId planId, int quantity, Company company, Company payer,
            Timeline.PeriodStarted period) {
        Plan plan = context.plan(planId);
        Product product = context.product(plan.productCode());
        Invoice draft = period.isPartial()
                ? Invoice.draftForPart(payer, context.seller(), context.vatRules(), subscription.id(), plan, quantity,
                        product, period.wholeStart(), period.at(), period.end())
                : Invoice.draft(payer, context.seller(), context.vatRules(), subscription.id(), plan, quantity, product,
                        period.at(), period.end());
        return forCompany(draft, company, payer);
    }

    /**
     * Who pays for the company's subscriptions, as the storage holds it now: the company itself, or
     * its payer. Inside the caller's transaction.
     */
    public Company payerOf(Company company) {
        if (!company.isPaidForByAnother()) {
            return company;
        }
        return context.storage().companies().findById(company.payerId()).orElseThrow(() -> new StorageException(
                "invoices.draft", "the payer of company " + company.id() + ", which the storage does not hold", null));
    }

    /** The draft made for {@code payer} with its lines for {@code company}, when another pays for it. */
    public static Invoice forCompany(Invoice draft, Company company, Company payer) {
        return payer.id().equals(company.id()) ? draft : draft.withLinesFor(company);
    }

    /**
     * Issues one draft inside the caller's transaction, as {@link #issueAll} does, and records
     * its event.
     *
     * @return the issued invoice, or empty for a zero total
     */
    public Optional<Invoice> issue(Invoice draft, Changes changes) {
        Optional<Invoice> issued = issueAll(List.of(draft), changes).stream().findFirst();
        issued.ifPresent(invoice -> recordIssued(invoice, changes));
        return issued;
    }

    /**
     * Issues drafts inside the caller's transaction: numbered in their order with numbers that
     * follow each other (one block of the seller's series for the year) and stored at once; the
     * caller records their events with {@link #recordIssued}, in its order of things. A draft whose
     * total is zero is not issued and uses no number, unless it prorates a change (its lines are
     * then what later changes in the period credit). A
     * period someone else billed meanwhile is a lost race ({@link ConcurrentUpdateException}), which
     * the caller's write tries again.
     *
     * @param drafts drafts made by {@link #draft}
     * @return the issued invoices, in the drafts' order, without those of zero total
     */
    public List<Invoice> issueAll(List<Invoice> drafts, Changes changes) {
        return issueAll(drafts, Map.of(), changes, OnIssue.NOTHING);
    }

    /**
     * What the issuing transaction also does with the invoices it issues, around storing them; see
     * {@link Charging.FirstAttempts}.
     */
    public interface OnIssue {

        /** Stores the invoices as they are finalized. */
        OnIssue NOTHING = new OnIssue() {
            @Override
            public void beforeNumbering(List<Invoice> drafts, Map<CompanyId, Company> buyers) {
            }

            @Override
            public List<Invoice> beforeStoring(List<Invoice> finalized) {
                return finalized;
            }

            @Override
            public void afterStoring(List<Invoice> stored) {
            }
        };

        /**
         * Called before the invoices take their numbers: what it reads is read before the
         * transaction holds the number series.
         *
         * @param drafts the drafts about to be numbered and stored
         * @param buyers companies the drafts are for, as the transaction has read them: some, all
         *     or none of them; to read, not to change or keep
         */
        void beforeNumbering(List<Invoice> drafts, Map<CompanyId, Company> buyers);

        /**
         * Called with the numbered invoices just before they are stored.
         *
         * @param finalized the numbered invoices about to be stored
         * @return the invoices to store instead: the same ones in the same order, possibly changed
         */
        List<Invoice> beforeStoring(List<Invoice> finalized);

        /**
         * Called once the invoices are stored, in the same transaction.
         *
         * @param stored the invoices as stored, in the same order
         */
        void afterStoring(List<Invoice> stored);
    }

    /**
     * {@link #issueAll(List, Changes)}, with {@code onIssue} around storing the invoices, which
     * is told the {@code buyers} the caller has read.
     */
    public List<Invoice> issueAll(List<Invoice> drafts, Map<CompanyId, Company> buyers, Changes changes,
            OnIssue onIssue) {
        List<Invoice> payable = drafts.stream().filter(Invoicing::issuable).toList();
        if (payable.isEmpty()) {
            return List.of();
        }
        onIssue.beforeNumbering(payable, buyers);
        Instant now = changes.now();
        // The credit balances first: read before the transaction holds the number series.
        Map<Ledger.Account, CreditEntry> latest = ledger.latest(payable.stream().map(Invoice::companyId)
                .distinct().toList());
        List<Invoice> credited = new ArrayList<>(payable.size());
        List<CreditEntry> applied = new ArrayList<>();
        for (Invoice draft : payable) {
            MonetaryAmount available = Ledger.balance(latest, draft.companyId(), draft.total());
            Invoice invoice = available.isPositive() ? draft.withCreditApplied(available) : draft;
            if (invoice.creditApplied().isPositive()) {
                applied.addAll(Ledger.entries(List.of(new Ledger.Movement(invoice.companyId(),
                        invoice.creditApplied().negate(), CreditEntry.Kind.APPLIED, null, invoice.id())), latest, now));
            }
            credited.add(invoice);
        }
        String series = context.seller().invoiceSeries(now.atZone(ZoneOffset.UTC).getYear());
        long first = context.storage().invoiceNumbers().nextBlock(series, credited.size());
        Instant due = now.plus(context.terms().paymentTerms());
        List<Invoice> finalized = new ArrayList<>(credited.size());
        for (Invoice draft : credited) {
            Invoice open = draft.finalized(new InvoiceNumber(series, first + finalized.size()), now, due);
            // Settled from the balance alone: paid at issue, never charged.
            finalized.add(open.amountDue().isZero() ? open.paid(now) : open);
        }
        List<Invoice> issued;
        try {
            issued = context.storage().invoices().insertAll(onIssue.beforeStoring(finalized));
        } catch (DuplicateKeyException e) {
            // Another node (or the billing run) billed one of these periods first: a lost race, tried
            // again from a fresh read, which finds the period billed.
            throw new ConcurrentUpdateException("invoices.insertAll", e);
        }
        ledger.append(applied);
        applied.forEach(entry -> changes.remember(entry.invoiceId(), entry));
        onIssue.afterStoring(issued);
        return issued;
    }

    /** Whether a draft is issued: a total above zero, or lines that prorate a change. */
    static boolean issuable(Invoice draft) {
        return !draft.total().isZero()
                || draft.lines().stream().anyMatch(line -> line.kind() != InvoiceLine.Kind.PERIOD);
    }

    /**
     * Records that {@code invoice} was issued, inside the caller's transaction; with the credit its
     * issue applied from the balance, and its payment when that credit settled it.
     */
    public void recordIssued(Invoice invoice, Changes changes) {
        changes.record(new InvoiceIssued(changes.newId(), invoice.issuedAt(), invoice.companyId(), invoice.id(),
                invoice.number(), invoice.total()));
        CreditEntry applied = changes.recall(invoice.id());
        if (applied != null) {
            Ledger.record(applied, changes);
        }
        if (invoice.state() == InvoiceState.PAID) {
            changes.record(new InvoicePaid(changes.newId(), invoice.issuedAt(), invoice.companyId(), invoice.id(),
                    invoice.number()));
        }
    }
}
