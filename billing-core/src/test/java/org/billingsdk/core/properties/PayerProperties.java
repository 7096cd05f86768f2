package org.billingsdk.core.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
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
        int size = 3 + random.nextInt(6);
        List<Company> companies = new ArrayList<>();
        companies.add(fixture.root("Company 0"));
        for (int c = 1; c < size; c++) {
            companies.add(fixture.child(companies.get(random.nextInt(c)), "Company " + c));
        }
        Company root = companies.get(0);
        Map<CompanyId, CompanyId> parents = new HashMap<>();
        Map<CompanyId, CompanyId> payers = new HashMap<>();
        Map<SubscriptionId, CompanyId> owners = new HashMap<>();
        for (Company company : companies) {
            parents.put(company.id(), company.parentId());
            payers.put(company.id(), company.id());
            SetupSession setup = fixture.billing.paymentMethods().startSetup(actor(root), company.id(), SetupKind.CARD);
            fixture.billing.paymentMethods().completeSetup(actor(root), company.id(), setup.id());
        }
        // Who each period was invoiced to, by subscription and period start, as the test expects it.
        Map<SubscriptionId, Map<Instant, CompanyId>> expected = new HashMap<>();
        for (int month = 0; month <= MONTHS; month++) {
            for (int op = 0; op < 3; op++) {
                Company company = companies.get(1 + random.nextInt(size - 1));
                if (random.nextBoolean()) {
                    List<CompanyId> ancestors = ancestorsOrSelf(company.id(), parents);
                    CompanyId payer = ancestors.get(random.nextInt(ancestors.size()));
                    try {
                        fixture.billing.accounts().setPayer(actor(root), company.id(), payer);
                        payers.put(company.id(), payer);
                    } catch (RefusedException refused) {
                        // a payer paid for by another, or a company that pays for others: nothing changes
                    }
                } else {
                    CompanyId newParent = companies.get(random.nextInt(size)).id();
                    try {
                        fixture.billing.accounts().move(actor(root), company.id(), newParent);
                        parents.put(company.id(), newParent);
                        // Whoever the move took out of its payer's subtree pays for itself.
                        for (Company each : companies) {
                            if (!ancestorsOrSelf(each.id(), parents).contains(payers.get(each.id()))) {
                                payers.put(each.id(), each.id());
                            }
                        }
                    } catch (RefusedException cycle) {
                        // under itself or a descendant: nothing changes
                    }
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
                Instant run = fixture.clock.instant().plus(java.time.Duration.ofDays(31));
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
            Set<CompanyId> reach = new HashSet<>();
            for (Company each : companies) {
                if (ancestorsOrSelf(each.id(), parents).contains(company.id())) {
                    reach.add(each.id());
                }
            }
            List<HistoryEntry> history = fixture.billing.invoices().history(actor(company), company.id(),
                    Scope.WITH_DESCENDANTS, PageRequest.first(100)).items();
            assertThat(HistoryEntry.invoices(history)).allSatisfy(row -> assertThat(reach).contains(row.companyId()));
            long inReach = invoices.stream().filter(invoice -> reach.contains(invoice.companyId())).count();
            assertThat(HistoryEntry.invoices(history)).hasSize((int) inReach);
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
