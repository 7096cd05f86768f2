package org.billingsdk.core.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatBreakdown;
import org.billingsdk.core.tax.VatRules;
import org.javamoney.moneta.Money;

/**
 * An invoice: issued in advance for a service period, numbered when finalized, immutable in
 * content from then on; only its state, its amount due and its payment bookkeeping move. Immutable
 * and thread-safe.
 *
 * @param id its identifier
 * @param companyId the billed company
 * @param number the legal number, or {@code null} while a draft
 * @param state its state
 * @param seller the seller as printed
 * @param buyer the buyer as printed: name, billing email, VAT number and billing address at issue
 * @param lines what is billed, each line with its own quantity, unit price, service period and VAT
 * @param subtotal the sum of the lines' net amounts
 * @param taxTotal the sum of the lines' VAT, each rounded once on its line (see {@link #vatBreakdown()})
 * @param total {@code subtotal} plus {@code taxTotal}
 * @param creditApplied the part of {@code total} settled from the company's credit balance when it
 *     was issued; zero when none
 * @param amountDue what is still to be paid: {@code total} less {@code creditApplied} and less what
 *     credit notes took off it while it was open; zero once paid or voided
 * @param issuedAt when it was issued (finalized), or {@code null} for a draft
 * @param dueAt when payment is due, or {@code null} for a draft
 * @param closedAt when it was paid, voided or marked uncollectible, or {@code null}
 * @param paymentAttempts payment attempts made so far
 * @param nextPaymentAt when the next payment attempt is due, or {@code null} when none is planned
 * @param version the storage version, 0 before it is first stored
 */
public record Invoice(
        InvoiceId id,
        CompanyId companyId,
        InvoiceNumber number,
        InvoiceState state,
        Party seller,
        Party buyer,
        List<InvoiceLine> lines,
        MonetaryAmount subtotal,
        MonetaryAmount taxTotal,
        MonetaryAmount total,
        MonetaryAmount creditApplied,
        MonetaryAmount amountDue,
        Instant issuedAt,
        Instant dueAt,
        Instant closedAt,
        int paymentAttempts,
        Instant nextPaymentAt,
        long version) {

    /**
     * Checks the invoice's invariants.
     *
     * @param id not {@code null}
     * @param companyId not {@code null}
     * @param number {@code null} exactly when {@code state} is {@code DRAFT}
     * @param state not {@code null}
     * @param seller not {@code null}
     * @param buyer not {@code null}
     * @param lines at least one, in one currency; copied
     * @param subtotal exactly the sum of the lines' amounts
     * @param taxTotal exactly the sum of the lines' VAT
     * @param total exactly {@code subtotal} plus {@code taxTotal}; not negative
     * @param creditApplied zero to {@code total}
     * @param amountDue zero to {@code total} less {@code creditApplied}; zero when paid or void
     * @param issuedAt required unless a draft
     * @param dueAt required unless a draft
     * @param closedAt may be {@code null}
     * @param paymentAttempts not checked
     * @param nextPaymentAt may be {@code null}
     * @param version not checked
     * @throws IllegalArgumentException if an invariant does not hold
     * @throws NullPointerException if a required component is {@code null}
     */
    public Invoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(buyer, "buyer");
        lines = List.copyOf(lines);
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(taxTotal, "taxTotal");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(creditApplied, "creditApplied");
        Objects.requireNonNull(amountDue, "amountDue");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an invoice has at least one line");
        }
        requireTotals(lines, subtotal, taxTotal, total, creditApplied, amountDue);
        if ((state == InvoiceState.PAID || state == InvoiceState.VOID) && exact(amountDue).signum() != 0) {
            throw new IllegalArgumentException("a paid or void invoice has nothing due");
        }
        if ((state == InvoiceState.DRAFT) != (number == null)) {
            throw new IllegalArgumentException("an invoice has a number exactly when it is finalized");
        }
        if (state != InvoiceState.DRAFT && (issuedAt == null || dueAt == null)) {
            throw new IllegalArgumentException("a finalized invoice has issue and due dates");
        }
    }

    /**
     * Checks that the totals are the lines' sums, in one currency, and that the credit and the
     * amount due lie within the total. Compared on the exact numbers rather than with
     * {@code MonetaryAmount.add}: every copy of an invoice checks it, and the billing run makes
     * several copies of each.
     */
    private static void requireTotals(List<InvoiceLine> lines, MonetaryAmount subtotal, MonetaryAmount taxTotal,
            MonetaryAmount total, MonetaryAmount creditApplied, MonetaryAmount amountDue) {
        CurrencyUnit currency = total.getCurrency();
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal vat = BigDecimal.ZERO;
        for (InvoiceLine line : lines) {
            if (!line.amount().getCurrency().equals(currency)) {
                throw new IllegalArgumentException("an invoice's lines are in its currency");
            }
            net = net.add(exact(line.amount()));
            vat = vat.add(exact(line.tax().amount()));
        }
        for (MonetaryAmount amount : List.of(subtotal, taxTotal, creditApplied, amountDue)) {
            if (!amount.getCurrency().equals(currency)) {
                throw new IllegalArgumentException("an invoice's amounts are in one currency");
            }
        }
        if (exact(subtotal).compareTo(net) != 0 || exact(taxTotal).compareTo(vat) != 0) {
            throw new IllegalArgumentException("an invoice's subtotal and VAT are the sums of its lines");
        }
        BigDecimal gross = exact(total);
        if (gross.compareTo(net.add(vat)) != 0) {
            throw new IllegalArgumentException("an invoice's total is its subtotal plus its VAT");
        }
        if (gross.signum() < 0) {
            throw new IllegalArgumentException("an invoice's total is not negative; a net credit is a credit note");
        }
        BigDecimal credit = exact(creditApplied);
        if (credit.signum() < 0 || credit.compareTo(gross) > 0) {
            throw new IllegalArgumentException("the credit applied to an invoice lies between zero and its total");
        }
        BigDecimal due = exact(amountDue);
        if (due.signum() < 0 || due.compareTo(gross.subtract(credit)) > 0) {
            throw new IllegalArgumentException(
                    "an invoice's amount due lies between zero and its total less the credit applied");
        }
    }

    /**
     * The VAT summary: one entry per treatment, country and rate, in the order its first line
     * appears, each the sum of its lines' net amounts and of their VAT (each rounded once on its
     * line, never again here).
     *
     * @return at least one entry; the taxes sum to {@link #taxTotal()}
     */
    public List<VatBreakdown> vatBreakdown() {
        return VatBreakdown.of(lines);
    }

    /** The amount's exact number; read directly from Moneta's {@code Money}, the SDK's amounts, which keep one. */
    private static BigDecimal exact(MonetaryAmount amount) {
        return amount instanceof Money money ? money.getNumberStripped()
                : amount.getNumber().numberValueExact(BigDecimal.class);
    }

    /**
     * The draft invoice of one billing period of a subscription: a line for one unit of the plan
     * over the period, the VAT the buyer's billing details call for (rounded once on the line,
     * half-up, to the currency's decimals), the seller and the buyer as they are now. Never
     * numbered: only issuing numbers it.
     *
     * @param buyer the subscribing company, whose billing details decide the VAT; not null
     * @param seller the seller; not null
     * @param vat the VAT rules; not null
     * @param subscription the subscription billed; not null
     * @param plan its plan; not null
     * @param product the plan's product, named on the line; not null
     * @param periodStart the start of the service period; not null
     * @param periodEnd its end; not null
     * @return the draft, with a new id
     */
    public static Invoice draft(Company buyer, Seller seller, VatRules vat, SubscriptionId subscription, Plan plan,
            Product product, Instant periodStart, Instant periodEnd) {
        return draft(buyer, seller, vat, subscription, plan, 1, product, periodStart, periodEnd);
    }

    /**
     * The draft of one billing period of {@code quantity} units of {@code plan}: one line at the
     * plan's price per unit, its amount the price times the quantity (exact), the VAT on that amount
     * rounded once; otherwise as {@link #draft(Company, Seller, VatRules, SubscriptionId, Plan, Product,
     * Instant, Instant)}.
     *
     * @param buyer the billed company, as it is now; not null
     * @param seller the seller; not null
     * @param vat the VAT rules; not null
     * @param subscription the subscription billed; not null
     * @param plan its plan; not null
     * @param quantity its units, 1 or more
     * @param product the plan's product; not null
     * @param periodStart where the period starts
     * @param periodEnd where it ends
     * @return the draft, unnumbered
     */
    public static Invoice draft(Company buyer, Seller seller, VatRules vat, SubscriptionId subscription, Plan plan,
            int quantity, Product product, Instant periodStart, Instant periodEnd) {
        BillingDetails details = buyer.billingDetails();
        Optional<VatNumber> vatNumber = buyer.vatNumber();
        MonetaryAmount amount = plan.priceOf(quantity);
        TaxLine tax = vat.taxFor(amount, buyer);
        InvoiceLine line = new InvoiceLine(product.code(), product.name(), subscription, plan.id(), periodStart,
                periodEnd, quantity, plan.price(), amount, tax, InvoiceLine.Kind.PERIOD, buyer.id(), buyer.name());
        Party billed = new Party(buyer.name(), buyer.effectiveBillingEmail(), vatNumber.orElse(null),
                details == null ? null : details.billingAddress());
        Party selling = new Party(seller.name(), null, seller.vatNumber(), seller.address());
        return draftOf(InvoiceId.random(), buyer.id(), selling, billed, List.of(line));
    }

    /**
     * The draft of the rest of a billing period after a change at {@code from}: one
     * {@link InvoiceLine.Kind#REMAINING_TIME} line for {@code quantity} units of {@code plan} from
     * {@code from} to {@code periodEnd}, its amount the plan's price for the quantity times the
     * seconds left over the seconds of the whole period, rounded once, half-up, to the currency's
     * decimals ({@link Proration}); its VAT as {@link #draft(Company, Seller, VatRules, SubscriptionId,
     * Plan, int, Product, Instant, Instant)} decides it for the buyer as it is now.
     *
     * @param buyer the billed company, as it is now; not null
     * @param seller the seller; not null
     * @param vat the VAT rules; not null
     * @param subscription the subscription billed; not null
     * @param plan its new plan; not null
     * @param quantity its new quantity, 1 or more
     * @param product the plan's product; not null
     * @param periodStart where the period running at {@code from} started
     * @param periodEnd where it ends
     * @param from the instant of the change, within the period
     * @param description what the line prints, such as "Remaining time on Endpoint Protection"
     * @return the draft, unnumbered
     */
    public static Invoice draftForRest(Company buyer, Seller seller, VatRules vat, SubscriptionId subscription,
            Plan plan, int quantity, Product product, Instant periodStart, Instant periodEnd, Instant from,
            String description) {
        Invoice whole = draft(buyer, seller, vat, subscription, plan, quantity, product, periodStart, periodEnd);
        InvoiceLine full = whole.lines().get(0);
        MonetaryAmount amount = Proration.remainingShare(full.amount(), periodStart, periodEnd, from);
        TaxLine tax = vat.taxFor(amount, buyer);
        InvoiceLine line = new InvoiceLine(full.productCode(), description, subscription, plan.id(), from, periodEnd,
                quantity, plan.price(), amount, tax, InvoiceLine.Kind.REMAINING_TIME, buyer.id(), buyer.name());
        return draftOf(whole.id(), whole.companyId(), whole.seller(), whole.buyer(), List.of(line));
    }

    /**
     * The draft of the first, partial period of an alignment to a billing day: one
     * {@link InvoiceLine.Kind#PERIOD} line (the period's key, so that it is never billed twice) for
     * {@code quantity} units of {@code plan} from {@code periodStart} to {@code periodEnd}, its amount
     * the plan's price for the quantity times the seconds of the part over the seconds of the whole
     * period from {@code wholeStart} to {@code periodEnd}, rounded once, half-up, to the currency's
     * decimals ({@link Proration}); its VAT as {@link #draft(Company, Seller, VatRules, SubscriptionId,
     * Plan, int, Product, Instant, Instant)} decides it.
     *
     * @param buyer the billed company, as it is now; not null
     * @param seller the seller; not null
     * @param vat the VAT rules; not null
     * @param subscription the subscription billed; not null
     * @param plan its plan; not null
     * @param quantity its quantity, 1 or more
     * @param product the plan's product; not null
     * @param wholeStart where the whole period that ends at {@code periodEnd} starts
     * @param periodStart where the part billed starts, within the whole period
     * @param periodEnd where both end: the billing day
     * @return the draft, unnumbered
     */
    public static Invoice draftForPart(Company buyer, Seller seller, VatRules vat, SubscriptionId subscription,
            Plan plan, int quantity, Product product, Instant wholeStart, Instant periodStart, Instant periodEnd) {
        Invoice whole = draft(buyer, seller, vat, subscription, plan, quantity, product, wholeStart, periodEnd);
        InvoiceLine full = whole.lines().get(0);
        MonetaryAmount amount = Proration.remainingShare(full.amount(), wholeStart, periodEnd, periodStart);
        TaxLine tax = vat.taxFor(amount, buyer);
        InvoiceLine line = new InvoiceLine(full.productCode(), full.description(), subscription, plan.id(),
                periodStart, periodEnd, quantity, plan.price(), amount, tax, InvoiceLine.Kind.PERIOD, buyer.id(),
                buyer.name());
        return draftOf(whole.id(), whole.companyId(), whole.seller(), whole.buyer(), List.of(line));
    }


    /**
     * This draft with every line for {@code company}: the company whose subscription it bills,
     * when another company (its payer, the buyer) is billed for it.
     *
     * @param company the company the lines are for; not null
     * @return the new draft, with the same id, buyer, seller and totals
     * @throws IllegalStateException unless this is a draft
     */
    public Invoice withLinesFor(Company company) {
        requireState(InvoiceState.DRAFT);
        return draftOf(id, companyId, seller, buyer, lines.stream()
                .map(line -> line.forCompany(company.id(), company.name())).toList());
    }

    /**
     * This draft with {@code credits} before its lines, and its totals summed again.
     *
     * @param credits the lines to put first, such as the credit for a change's unused time
     * @return the new draft, with the same id, buyer and seller
     * @throws IllegalStateException unless this is a draft
     * @throws IllegalArgumentException if the lines would sum below zero, or are in another currency
     */
    public Invoice withLinesFirst(List<InvoiceLine> credits) {
        requireState(InvoiceState.DRAFT);
        List<InvoiceLine> all = new ArrayList<>(credits);
        all.addAll(lines);
        return draftOf(id, companyId, seller, buyer, all);
    }

    /**
     * One draft of the lines of {@code drafts}, in their order: the consolidated invoice a payer
     * gets for the periods of the subscriptions it pays that start together, each company's lines a
     * {@link #sections() section}. Its totals are the sums of all the lines (each line's VAT rounded
     * once on its line, never again), so they are the sums of the drafts' totals.
     *
     * @param drafts one or more drafts to one company, with the same seller and buyer as printed
     * @return the draft, with the first draft's id
     * @throws IllegalArgumentException if there is no draft, they are to different companies or
     *     parties, or their currencies differ
     * @throws IllegalStateException unless every one is a draft
     */
    public static Invoice consolidated(List<Invoice> drafts) {
        if (drafts.isEmpty()) {
            throw new IllegalArgumentException("a consolidated invoice consolidates at least one draft");
        }
        Invoice first = drafts.get(0);
        List<InvoiceLine> lines = new ArrayList<>(drafts.size());
        for (Invoice draft : drafts) {
            draft.requireState(InvoiceState.DRAFT);
            if (!draft.companyId.equals(first.companyId) || !draft.buyer.equals(first.buyer)
                    || !draft.seller.equals(first.seller)) {
                throw new IllegalArgumentException("a consolidated invoice consolidates drafts to one buyer from one "
                        + "seller");
            }
            lines.addAll(draft.lines);
        }
        return draftOf(first.id, first.companyId, first.seller, first.buyer, lines);
    }

    /**
     * The invoice's lines by the company each is for, in the order each company first appears: one
     * section on an invoice of the company's own subscriptions, one per company on a payer's
     * consolidated invoice. A line made without a company is for the invoice's company, under the
     * buyer's name.
     *
     * @return one section at least; their totals sum to the invoice's subtotal, VAT and total
     */
    public List<InvoiceSection> sections() {
        Map<CompanyId, List<InvoiceLine>> byCompany = new LinkedHashMap<>();
        Map<CompanyId, String> names = new HashMap<>();
        for (InvoiceLine line : lines) {
            CompanyId company = line.companyId() == null ? companyId : line.companyId();
            byCompany.computeIfAbsent(company, key -> new ArrayList<>()).add(line);
            names.putIfAbsent(company, line.companyName() == null ? buyer.name() : line.companyName());
        }
        List<InvoiceSection> sections = new ArrayList<>(byCompany.size());
        byCompany.forEach((company, its) -> sections.add(InvoiceSection.of(company, names.get(company), its)));
        return sections;
    }

    /**
     * A draft with these lines: its subtotal and VAT are the lines' sums, its total their sum, no
     * credit applied and all of it due; unnumbered, unissued, with no payment attempt, at version 0.
     *
     * @param id the invoice's id; not null
     * @param companyId the billed company; not null
     * @param seller the seller as printed; not null
     * @param buyer the buyer as printed; not null
     * @param lines at least one, in one currency, not summing below zero
     * @return the draft
     * @throws IllegalArgumentException if there is no line, the currencies differ or the total is
     *     negative
     */
    public static Invoice draftOf(InvoiceId id, CompanyId companyId, Party seller, Party buyer,
            List<InvoiceLine> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an invoice has at least one line");
        }
        MonetaryAmount subtotal = lines.get(0).amount();
        MonetaryAmount taxTotal = lines.get(0).tax().amount();
        for (InvoiceLine line : lines.subList(1, lines.size())) {
            if (!line.amount().getCurrency().equals(subtotal.getCurrency())) {
                throw new IllegalArgumentException("an invoice's lines are in its currency");
            }
            subtotal = subtotal.add(line.amount());
            taxTotal = taxTotal.add(line.tax().amount());
        }
        MonetaryAmount total = subtotal.add(taxTotal);
        return new Invoice(id, companyId, null, InvoiceState.DRAFT, seller, buyer, lines, subtotal, taxTotal,
                total, Money.zero(total.getCurrency()), total, null, null, null, 0, null, 0);
    }

    /**
     * This draft finalized: numbered, issued at {@code at}, due at {@code due}, first payment due at once.
     *
     * @param assigned the number taken from the series for it
     * @param at the issue time
     * @param due when payment is due
     * @return the invoice {@code OPEN}, with no attempt made and the next one due at {@code at}
     * @throws IllegalStateException unless this is a draft
     */
    public Invoice finalized(InvoiceNumber assigned, Instant at, Instant due) {
        requireState(InvoiceState.DRAFT);
        return copy().number(Objects.requireNonNull(assigned)).state(InvoiceState.OPEN).issuedAt(at).dueAt(due)
                .closedAt(null).paymentAttempts(0).nextPaymentAt(at).build();
    }

    /**
     * This open invoice paid at {@code at}.
     *
     * @param at when the payment succeeded, by the billing clock
     * @return the invoice {@code PAID}, nothing due, closed at {@code at}, with no further attempt planned
     * @throws IllegalStateException unless this invoice is open
     */
    public Invoice paid(Instant at) {
        requireState(InvoiceState.OPEN);
        return copy().state(InvoiceState.PAID).amountDue(Money.zero(total.getCurrency())).closedAt(at)
                .nextPaymentAt(null).build();
    }

    /**
     * This draft with credit from the company's credit balance applied: as much of {@code available}
     * as its amount due takes.
     *
     * @param available the credit balance, in the invoice's currency, zero or more
     * @return the draft with {@code creditApplied} the smaller of {@code available} and its total,
     *     and that much less due
     * @throws IllegalStateException unless this is a draft
     * @throws IllegalArgumentException if {@code available} is negative or in another currency
     */
    public Invoice withCreditApplied(MonetaryAmount available) {
        requireState(InvoiceState.DRAFT);
        requireCurrency(available);
        if (available.isNegative()) {
            throw new IllegalArgumentException("a credit balance is never below zero");
        }
        MonetaryAmount applied = available.isGreaterThan(amountDue) ? amountDue : available;
        return copy().creditApplied(creditApplied.add(applied)).amountDue(amountDue.subtract(applied)).build();
    }

    /**
     * This unpaid invoice after a credit note reduced what is due by as much of {@code credit} as
     * it takes; an invoice with nothing left due is settled: {@code PAID}, closed at {@code at}, with
     * no further attempt planned.
     *
     * @param credit the credit note's total, above zero, in the invoice's currency
     * @param at when the credit note was issued
     * @return the invoice with less due, or paid
     * @throws IllegalStateException unless this invoice is open or uncollectible
     * @throws IllegalArgumentException if {@code credit} is not above zero or in another currency
     */
    public Invoice credited(MonetaryAmount credit, Instant at) {
        if (state != InvoiceState.OPEN && state != InvoiceState.UNCOLLECTIBLE) {
            throw new IllegalStateException("invoice " + id + " is " + state + ", not OPEN or UNCOLLECTIBLE");
        }
        requireCurrency(credit);
        if (!credit.isPositive()) {
            throw new IllegalArgumentException("a credit is above zero");
        }
        MonetaryAmount left = credit.isGreaterThan(amountDue) ? amountDue.multiply(0) : amountDue.subtract(credit);
        if (!left.isZero()) {
            return copy().amountDue(left).build();
        }
        return copy().state(InvoiceState.PAID).amountDue(left).closedAt(Objects.requireNonNull(at, "at"))
                .nextPaymentAt(null).build();
    }

    private void requireCurrency(MonetaryAmount amount) {
        Objects.requireNonNull(amount, "amount");
        if (!amount.getCurrency().equals(total.getCurrency())) {
            throw new IllegalArgumentException("an amount of invoice " + id + " is in " + total.getCurrency()
                    + ", not " + amount.getCurrency());
        }
    }

    /**
     * This open invoice voided at {@code at}; it keeps its number.
     *
     * @param at when it was voided
     * @return the invoice {@code VOID}, nothing due, closed at {@code at}, with no further attempt planned
     * @throws IllegalStateException unless this invoice is open
     */
    public Invoice voided(Instant at) {
        requireState(InvoiceState.OPEN);
        return copy().state(InvoiceState.VOID).amountDue(Money.zero(total.getCurrency())).closedAt(at)
                .nextPaymentAt(null).build();
    }

    /**
     * This open invoice given up on at {@code at}; it keeps its number.
     *
     * @param at when the last retry failed
     * @return the invoice {@code UNCOLLECTIBLE}, closed at {@code at}, with no further attempt planned
     * @throws IllegalStateException unless this invoice is open
     */
    public Invoice uncollectible(Instant at) {
        requireState(InvoiceState.OPEN);
        return copy().state(InvoiceState.UNCOLLECTIBLE).closedAt(at).nextPaymentAt(null).build();
    }

    /**
     * This open invoice after a payment attempt, with the next one due at {@code next} (or none).
     *
     * @param attempts the payment attempts made so far
     * @param next when the billing run next charges or reconciles it, or {@code null} for never
     * @return the invoice, still open, with that bookkeeping
     * @throws IllegalStateException unless this invoice is open
     */
    public Invoice attempted(int attempts, Instant next) {
        requireState(InvoiceState.OPEN);
        return copy().paymentAttempts(attempts).nextPaymentAt(next).build();
    }

    /**
     * The same invoice at another storage version; used by stores.
     *
     * @param newVersion the version as stored
     * @return a copy with that version and every other field unchanged
     */
    public Invoice withVersion(long newVersion) {
        return copy().version(newVersion).build();
    }

    private void requireState(InvoiceState expected) {
        if (state != expected) {
            throw new IllegalStateException("invoice " + id + " is " + state + ", not " + expected);
        }
    }

    private Copy copy() {
        return new Copy(this);
    }

    /** A copy with some bookkeeping changed; an invoice's content never changes once it is issued. */
    private static final class Copy {
        private final Invoice from;
        private InvoiceNumber number;
        private InvoiceState state;
        private MonetaryAmount creditApplied;
        private MonetaryAmount amountDue;
        private Instant issuedAt;
        private Instant dueAt;
        private Instant closedAt;
        private int paymentAttempts;
        private Instant nextPaymentAt;
        private long version;

        Copy(Invoice from) {
            this.from = from;
            this.number = from.number;
            this.state = from.state;
            this.creditApplied = from.creditApplied;
            this.amountDue = from.amountDue;
            this.issuedAt = from.issuedAt;
            this.dueAt = from.dueAt;
            this.closedAt = from.closedAt;
            this.paymentAttempts = from.paymentAttempts;
            this.nextPaymentAt = from.nextPaymentAt;
            this.version = from.version;
        }

        Copy number(InvoiceNumber value) {
            number = value;
            return this;
        }

        Copy state(InvoiceState value) {
            state = value;
            return this;
        }

        Copy creditApplied(MonetaryAmount value) {
            creditApplied = value;
            return this;
        }

        Copy amountDue(MonetaryAmount value) {
            amountDue = value;
            return this;
        }

        Copy issuedAt(Instant value) {
            issuedAt = value;
            return this;
        }

        Copy dueAt(Instant value) {
            dueAt = value;
            return this;
        }

        Copy closedAt(Instant value) {
            closedAt = value;
            return this;
        }

        Copy paymentAttempts(int value) {
            paymentAttempts = value;
            return this;
        }

        Copy nextPaymentAt(Instant value) {
            nextPaymentAt = value;
            return this;
        }

        Copy version(long value) {
            version = value;
            return this;
        }

        Invoice build() {
            return new Invoice(from.id, from.companyId, number, state, from.seller, from.buyer, from.lines,
                    from.subtotal, from.taxTotal, from.total, creditApplied, amountDue, issuedAt, dueAt, closedAt,
                    paymentAttempts, nextPaymentAt, version);
        }
    }
}
