package org.billingsdk.core.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import javax.money.MonetaryAmount;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceSection;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.Test;

/**
 * Payers on random trees, with random choices of payer and random moves between the months'
 * billing runs: every subscription's period is invoiced exactly once, to the payer in force when
 * the run invoiced it, on a line naming the subscription's company; and no company's history shows
 * an invoice made out to a company outside its reach. The expected payers are the test's own
 * record of what it set, never the SDK's answer.
 */
class PayerProperties {

    private static final int EXAMPLES = 15;
    private static final int MONTHS = 4;

    @Test
    void everyPeriodIsInvoicedOnceToThePayerInForceAndNoHistoryShowsAnInvoiceOutOfReach() {
        qt().withExamples(EXAMPLES).withShrinkCycles(20).forAll(longs().all())
                .checkAssert(seed -> holdsFor(new SplittableRandom(seed)));
    }

    private static void holdsFor(SplittableRandom random) {
        BillingFixture fixture = BillingFixture.inMemory();
        Tree tree = Tree.random(fixture, random);
        List<Company> companies = tree.companies;
        int size = companies.size();
        Company root = tree.root();
        Map<CompanyId, CompanyId> parents = tree.parents;
        Map<CompanyId, CompanyId> payers = tree.payers;
        Map<SubscriptionId, CompanyId> owners = new HashMap<>();
        // Who each period was invoiced to, by subscription and period start, as the test expects it.
        Map<SubscriptionId, Map<Instant, CompanyId>> expected = new HashMap<>();
        for (int month = 0; month <= MONTHS; month++) {
            for (int op = 0; op < 3; op++) {
                Company company = companies.get(1 + random.nextInt(size - 1));
                if (random.nextBoolean()) {
                    List<CompanyId> ancestors = ancestorsOrSelf(company.id(), parents);
                    tree.trySetPayer(company, ancestors.get(random.nextInt(ancestors.size())));
                } else {
                    tree.tryMove(company, companies.get(random.nextInt(size)).id());
                }
            }
            if (month == 0) {
                for (Company company : companies) {
                    Subscription subscription = fixture.billing.subscriptions().subscribe(actor(root), company.id(),
                            fixture.monthly.id());
                    owners.put(subscription.id(), company.id());
                    expected.computeIfAbsent(subscription.id(), id -> new HashMap<>())
                            .put(subscription.startedAt(), payers.get(company.id()));
                }
            } else {
                Instant run = fixture.clock.instant().plus(Duration.ofDays(31));
                for (SubscriptionId id : owners.keySet()) {
                    Subscription subscription = fixture.storage.subscriptions().findById(id).orElseThrow();
                    for (Instant due = subscription.invoicedThrough(); !due.isAfter(run);
                            due = subscription.periodEndAfter(due, 1)) {
                        expected.get(id).put(due, payers.get(owners.get(id)));
                    }
                }
                fixture.clock.set(run);
                fixture.billing.run(run);
            }
        }

        List<Invoice> invoices = fixture.storage.invoices().findByCompanies(
                companies.stream().map(Company::id).toList(), null, 1000);
        Map<SubscriptionId, Map<Instant, CompanyId>> invoicedTo = new HashMap<>();
        for (Invoice invoice : invoices) {
            for (InvoiceLine line : invoice.lines()) {
                assertThat(line.companyId()).isEqualTo(owners.get(line.subscriptionId()));
                CompanyId before = invoicedTo.computeIfAbsent(line.subscriptionId(), id -> new HashMap<>())
                        .put(line.periodStart(), invoice.companyId());
                assertThat(before).as("period %s of %s invoiced once", line.periodStart(), line.subscriptionId())
                        .isNull();
            }
        }
        assertThat(invoicedTo).isEqualTo(expected);

        for (Company company : companies) {
            Set<CompanyId> reach = tree.reachOf(company);
            List<HistoryEntry> history = fixture.billing.invoices().history(actor(company), company.id(),
                    Scope.WITH_DESCENDANTS, PageRequest.first(100)).items();
            assertThat(HistoryEntry.invoices(history)).allSatisfy(row -> assertThat(reach).contains(row.companyId()));
            long inReach = invoices.stream().filter(invoice -> reach.contains(invoice.companyId())).count();
            assertThat(HistoryEntry.invoices(history)).hasSize((int) inReach);
        }
    }

    @Test
    void withBillingDaysEveryPeriodIsInvoicedOnceToThePayerInForceOnOneConsolidatedInvoicePerPeriodStart() {
        qt().withExamples(EXAMPLES).withShrinkCycles(20).forAll(longs().all())
                .checkAssert(seed -> billingDaysHoldFor(new SplittableRandom(seed)));
    }

    /**
     * Random trees whose companies pay for themselves or are paid for by an ancestor, payers with a
     * billing day set, changed or cleared, moves, and subscriptions started at random moments, over
     * several monthly billing runs. The period boundaries follow from the billing days, so the test
     * checks what must hold whatever they are: each subscription's periods are invoiced once each,
     * end to end from its start past the last run; each invoice is made out to the payer in force
     * (by the test's own record) when it was issued; a period invoiced to a payer with a billing day
     * ends on that day, priced at most the whole period's price, exactly that price when it is a
     * whole month; one invoice per payer, moment and period start; every invoice's totals are the
     * sums of its sections'; and no history shows an invoice out of reach.
     */
    private static void billingDaysHoldFor(SplittableRandom random) {
        BillingFixture fixture = BillingFixture.inMemory();
        Tree tree = Tree.random(fixture, random);
        List<Company> companies = tree.companies;
        int size = companies.size();
        Company root = tree.root();
        Map<CompanyId, CompanyId> parents = tree.parents;
        Map<CompanyId, CompanyId> payers = tree.payers;
        Map<CompanyId, Integer> days = new HashMap<>();
        // The payer and its billing day in force from each moment on, as the test recorded them.
        TreeMap<Instant, Map<CompanyId, CompanyId>> payersFrom = new TreeMap<>();
        TreeMap<Instant, Map<CompanyId, Integer>> daysFrom = new TreeMap<>();
        // A start that gives consolidation a chance: about half the companies paid for by an
        // ancestor, most payers billed on a day, every company with a subscription.
        for (Company company : companies.subList(1, size)) {
            if (random.nextBoolean()) {
                List<CompanyId> ancestors = ancestorsOrSelf(company.id(), parents);
                tree.trySetPayer(company, ancestors.get(1 + random.nextInt(ancestors.size() - 1)));
            }
        }
        for (Company company : companies) {
            if (payers.get(company.id()).equals(company.id()) && random.nextInt(4) > 0) {
                int day = 1 + random.nextInt(28);
                fixture.billing.accounts().setBillingDay(actor(root), company.id(), day);
                days.put(company.id(), day);
            }
        }
        payersFrom.put(fixture.clock.instant(), new HashMap<>(payers));
        daysFrom.put(fixture.clock.instant(), new HashMap<>(days));
        Map<SubscriptionId, Instant> started = new HashMap<>();
        for (Company company : companies) {
            // A second apart: each subscribe issues its own invoice, at its own moment.
            fixture.clock.set(fixture.clock.instant().plusSeconds(1));
            Subscription subscription = fixture.billing.subscriptions().subscribe(actor(root), company.id(),
                    fixture.monthly.id());
            started.put(subscription.id(), subscription.startedAt());
        }
        Instant lastRun = fixture.clock.instant();
        for (int month = 0; month <= MONTHS; month++) {
            Instant monthStart = fixture.clock.instant();
            List<Instant> moments = new ArrayList<>();
            for (int op = 0; op < 5; op++) {
                moments.add(monthStart.plusSeconds(random.nextLong(30L * 24 * 3600)));
            }
            moments.sort(null);
            for (Instant moment : moments) {
                // One second apart at least: what an invoice's moment was issued under is never ambiguous.
                Instant at = moment.isAfter(fixture.clock.instant()) ? moment : fixture.clock.instant().plusSeconds(1);
                fixture.clock.set(at);
                Company company = companies.get(random.nextInt(size));
                switch (random.nextInt(5)) {
                    case 0 -> {
                        List<CompanyId> ancestors = ancestorsOrSelf(company.id(), parents);
                        tree.trySetPayer(company, ancestors.get(random.nextInt(ancestors.size())));
                    }
                    case 1 -> tree.tryMove(company, companies.get(random.nextInt(size)).id());
                    case 2 -> {
                        int day = 1 + random.nextInt(28);
                        try {
                            fixture.billing.accounts().setBillingDay(actor(root), company.id(), day);
                            days.put(company.id(), day);
                        } catch (RefusedException paidForByAnother) {
                            assertThat(payers.get(company.id())).isNotEqualTo(company.id());
                        }
                    }
                    case 3 -> {
                        try {
                            fixture.billing.accounts().clearBillingDay(actor(root), company.id());
                            days.remove(company.id());
                        } catch (RefusedException paidForByAnother) {
                            assertThat(payers.get(company.id())).isNotEqualTo(company.id());
                        }
                    }
                    default -> {
                        payersFrom.put(at, new HashMap<>(payers));
                        daysFrom.put(at, new HashMap<>(days));
                        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(root), company.id(),
                                fixture.monthly.id());
                        started.put(subscription.id(), subscription.startedAt());
                    }
                }
                payersFrom.put(at, new HashMap<>(payers));
                daysFrom.put(at, new HashMap<>(days));
            }
            Instant run = monthStart.plus(Duration.ofDays(31));
            fixture.clock.set(run);
            fixture.billing.run(run);
            lastRun = run;
        }

        List<Invoice> invoices = fixture.storage.invoices().findByCompanies(
                companies.stream().map(Company::id).toList(), null, 1000);
        Map<SubscriptionId, TreeMap<Instant, Instant>> periods = new HashMap<>();
        Map<String, InvoiceId> consolidated = new HashMap<>();
        for (Invoice invoice : invoices) {
            Map<CompanyId, CompanyId> payerThen = inForceAt(payersFrom, invoice.issuedAt());
            Map<CompanyId, Integer> dayThen = inForceAt(daysFrom, invoice.issuedAt());
            Set<CompanyId> sectionCompanies = new HashSet<>();
            MonetaryAmount subtotal = invoice.subtotal().multiply(0);
            MonetaryAmount total = invoice.total().multiply(0);
            int sectionLines = 0;
            for (InvoiceSection section : invoice.sections()) {
                assertThat(sectionCompanies.add(section.companyId())).as("one section per company").isTrue();
                subtotal = subtotal.add(section.subtotal());
                total = total.add(section.total());
                sectionLines += section.lines().size();
            }
            assertThat(subtotal).isEqualTo(invoice.subtotal());
            assertThat(total).isEqualTo(invoice.total());
            assertThat(sectionLines).isEqualTo(invoice.lines().size());
            for (InvoiceLine line : invoice.lines()) {
                assertThat(invoice.companyId()).as("payer of %s when %s was issued", line.companyId(), invoice.number())
                        .isEqualTo(payerThen.get(line.companyId()));
                Instant before = periods.computeIfAbsent(line.subscriptionId(), id -> new TreeMap<>())
                        .put(line.periodStart(), line.periodEnd());
                assertThat(before).as("period %s of %s invoiced once", line.periodStart(), line.subscriptionId())
                        .isNull();
                assertThat(line.amount().isPositive()).isTrue();
                assertThat(line.amount().isLessThanOrEqualTo(fixture.monthly.price())).isTrue();
                ZonedDateTime start = line.periodStart().atZone(ZoneOffset.UTC);
                if (start.plusMonths(1).toInstant().equals(line.periodEnd())) {
                    assertThat(line.amount()).isEqualTo(fixture.monthly.price());
                }
                Integer day = dayThen.get(invoice.companyId());
                if (day != null) {
                    ZonedDateTime end = line.periodEnd().atZone(ZoneOffset.UTC);
                    assertThat(end.getDayOfMonth()).as("end of a period %s's payer bills on day %d", line.companyId(),
                            day).isEqualTo(day);
                    assertThat(end.toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
                    assertThat(line.periodStart()).as("one period start per consolidated invoice")
                            .isEqualTo(invoice.lines().get(0).periodStart());
                    String key = invoice.companyId() + " at " + invoice.issuedAt() + " from " + line.periodStart();
                    InvoiceId first = consolidated.putIfAbsent(key, invoice.id());
                    assertThat(first == null || first.equals(invoice.id()))
                            .as("one invoice for %s", key).isTrue();
                }
            }
        }
        assertThat(periods.keySet()).isEqualTo(started.keySet());
        for (Map.Entry<SubscriptionId, Instant> subscription : started.entrySet()) {
            TreeMap<Instant, Instant> invoiced = periods.get(subscription.getKey());
            Instant expectedStart = subscription.getValue();
            for (Map.Entry<Instant, Instant> period : invoiced.entrySet()) {
                assertThat(period.getKey()).as("periods of %s end to end", subscription.getKey())
                        .isEqualTo(expectedStart);
                expectedStart = period.getValue();
            }
            assertThat(expectedStart).as("%s invoiced past the last run", subscription.getKey()).isAfter(lastRun);
        }

        for (Company company : companies) {
            Set<CompanyId> reach = tree.reachOf(company);
            List<HistoryEntry> history = fixture.billing.invoices().history(actor(company), company.id(),
                    Scope.WITH_DESCENDANTS, PageRequest.first(100)).items();
            assertThat(HistoryEntry.invoices(history)).allSatisfy(row -> assertThat(reach).contains(row.companyId()));
        }
    }

    /** The record in force at {@code at}: the latest taken at or before it. */
    private static <V> Map<CompanyId, V> inForceAt(TreeMap<Instant, Map<CompanyId, V>> records, Instant at) {
        return records.floorEntry(at).getValue();
    }

    /**
     * A random tree of 3 to 8 companies, each with a card, and the test's own record of each
     * company's parent and payer, kept up to date by the changes it makes through the SDK.
     */
    private static final class Tree {
        final BillingFixture fixture;
        final List<Company> companies = new ArrayList<>();
        final Map<CompanyId, CompanyId> parents = new HashMap<>();
        final Map<CompanyId, CompanyId> payers = new HashMap<>();

        private Tree(BillingFixture fixture) {
            this.fixture = fixture;
        }

        static Tree random(BillingFixture fixture, SplittableRandom random) {
            Tree tree = new Tree(fixture);
            int size = 3 + random.nextInt(6);
            tree.companies.add(fixture.root("Company 0"));
            for (int c = 1; c < size; c++) {
                tree.companies.add(fixture.child(tree.companies.get(random.nextInt(c)), "Company " + c));
            }
            for (Company company : tree.companies) {
                tree.parents.put(company.id(), company.parentId());
                tree.payers.put(company.id(), company.id());
                SetupSession setup = fixture.billing.paymentMethods().startSetup(actor(tree.root()), company.id(),
                        SetupKind.CARD);
                fixture.billing.paymentMethods().completeSetup(actor(tree.root()), company.id(), setup.id());
            }
            return tree;
        }

        Company root() {
            return companies.get(0);
        }

        /**
         * Asks for {@code payer}; a refusal (a payer paid for by another, or a company that pays
         * for others) changes nothing.
         */
        void trySetPayer(Company company, CompanyId payer) {
            try {
                fixture.billing.accounts().setPayer(actor(root()), company.id(), payer);
                payers.put(company.id(), payer);
            } catch (RefusedException refused) {
                // nothing changes
            }
        }

        /**
         * Asks to move {@code company} under {@code newParent}; whoever the move took out of its
         * payer's subtree pays for itself. A refusal (under itself or a descendant) changes nothing.
         */
        void tryMove(Company company, CompanyId newParent) {
            try {
                fixture.billing.accounts().move(actor(root()), company.id(), newParent);
            } catch (RefusedException cycle) {
                return;
            }
            parents.put(company.id(), newParent);
            for (Company each : companies) {
                if (!ancestorsOrSelf(each.id(), parents).contains(payers.get(each.id()))) {
                    payers.put(each.id(), each.id());
                }
            }
        }

        /** {@code company} and its descendants, by the test's own parent links. */
        Set<CompanyId> reachOf(Company company) {
            Set<CompanyId> reach = new HashSet<>();
            for (Company each : companies) {
                if (ancestorsOrSelf(each.id(), parents).contains(company.id())) {
                    reach.add(each.id());
                }
            }
            return reach;
        }
    }

    /** The company and its ancestors by the test's own parent links, the company first. */
    private static List<CompanyId> ancestorsOrSelf(CompanyId company, Map<CompanyId, CompanyId> parents) {
        List<CompanyId> up = new ArrayList<>();
        for (CompanyId at = company; at != null; at = parents.get(at)) {
            up.add(at);
        }
        return up;
    }
}
