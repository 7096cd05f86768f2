package org.billingsdk.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.ContractRenewed;
import org.billingsdk.core.event.TrialEnded;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.subscription.CancelResult;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.ReactivateResult;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Thirteen months of billing on a moving clock: the billing run at midnight and at 10:00 UTC every
 * day (the fixture's subscriptions start at 10:00, trials end at midnight), run twice each time,
 * with subscribing, cancelling and reactivating on the way. The year is simulated once; each test
 * checks one rule on its record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class SimulatedYearTest {

    private static final Instant END = Instant.parse("2027-02-21T10:00:00Z");

    private BillingFixture fixture;
    private Company acme;
    private Actor alice;

    private Subscription monthly;
    private Subscription cancelledThenReactivated;
    private Subscription reactivated;
    private Subscription contract;
    private Subscription cancelledContract;
    private Subscription trial;
    private Subscription trialContract;
    private Subscription yearly;
    private Subscription endOfMonth;

    private List<Invoice> invoices;
    private int invoicesIssuedByRuns;
    private int invoicesIssuedByOperations;
    private final List<String> repeatedRunProblems = new ArrayList<>();
    private final Map<Instant, Integer> invoicesBeforeInstant = new TreeMap<>();

    /**
     * A new, empty storage for the simulated year; in memory here, overridden by the
     * storage adapters' test suites to run the same tests on their storage.
     */
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }

    @BeforeAll
    void simulateThirteenMonths() {
        fixture = BillingFixture.on(newStorage());
        acme = fixture.root("Acme");
        alice = actor(acme);

        monthly = subscribe(fixture.monthly.id());
        cancelledThenReactivated = subscribe(fixture.monthly.id());
        contract = subscribe(fixture.contract.id());
        cancelledContract = subscribe(fixture.contract.id());
        trial = subscribe(fixture.trial.id());
        trialContract = subscribe(fixture.trialWithContract.id());
        yearly = subscribe(fixture.yearly.id());
        invoicesIssuedByOperations = invoicesNow().size();

        Instant at = Instant.parse("2026-01-15T10:00:00Z");
        while (!at.isAfter(END)) {
            runTwice(at);
            actOn(at);
            at = at.atZone(ZoneOffset.UTC).getHour() == 0 ? at.plus(Duration.ofHours(10)) : at.plus(Duration.ofHours(14));
        }
        invoices = invoicesNow();
    }

    private Subscription subscribe(PlanId plan) {
        return fixture.billing.subscriptions().subscribe(alice, acme.id(), plan);
    }

    /** What the customer does on the way, at the time it does it. */
    private void actOn(Instant at) {
        if (at.equals(Instant.parse("2026-01-31T10:00:00Z"))) {
            endOfMonth = counted(() -> subscribe(fixture.monthly.id()));
        } else if (at.equals(Instant.parse("2026-03-03T10:00:00Z"))) {
            assertThat(fixture.billing.subscriptions().cancel(alice, cancelledThenReactivated.id(),
                    DataErasure.ACKNOWLEDGED)).isInstanceOf(CancelResult.Cancelled.class);
        } else if (at.equals(Instant.parse("2026-04-20T10:00:00Z"))) {
            ReactivateResult result = counted(() -> fixture.billing.subscriptions()
                    .reactivate(alice, cancelledThenReactivated.id()));
            assertThat(result).isInstanceOf(ReactivateResult.Reactivated.class);
            reactivated = ((ReactivateResult.Reactivated) result).subscription();
        } else if (at.equals(Instant.parse("2026-06-10T10:00:00Z"))) {
            assertThat(fixture.billing.subscriptions().cancel(alice, cancelledContract.id(), DataErasure.ACKNOWLEDGED))
                    .isEqualTo(new CancelResult.Scheduled(cancelledContract.id(),
                            Instant.parse("2027-01-15T10:00:00Z"), false));
        }
    }

    private <T> T counted(java.util.function.Supplier<T> operation) {
        int before = invoicesNow().size();
        T result = operation.get();
        invoicesIssuedByOperations += invoicesNow().size() - before;
        return result;
    }

    private void runTwice(Instant at) {
        fixture.clock.set(at);
        invoicesBeforeInstant.put(at, invoicesNow().size());
        BillingRunReport first = fixture.billing.run(at);
        invoicesIssuedByRuns += first.invoicesIssued();
        List<Invoice> afterFirst = invoicesNow();
        List<Subscription> subscriptionsAfterFirst = subscriptionsNow();

        BillingRunReport second = fixture.billing.run(at);

        if (second.invoicesIssued() != 0 || second.trialsEnded() != 0 || second.contractsRenewed() != 0
                || second.cancellationsTakenEffect() != 0 || second.paymentsSucceeded() != 0
                || second.paymentsFailed() != 0 || second.paymentsOutstanding() != 0) {
            repeatedRunProblems.add(at + ": the second run did something: " + second);
        }
        if (!invoicesNow().equals(afterFirst)) {
            repeatedRunProblems.add(at + ": the second run changed an invoice");
        }
        if (!subscriptionsNow().equals(subscriptionsAfterFirst)) {
            repeatedRunProblems.add(at + ": the second run changed a subscription");
        }
    }

    private List<Invoice> invoicesNow() {
        return fixture.storage.invoices().findByCompanies(List.of(acme.id()), null, 10_000);
    }

    private List<Subscription> subscriptionsNow() {
        return fixture.storage.subscriptions().findByCompanies(List.of(acme.id())).stream()
                .sorted(Comparator.comparing(s -> s.id().value())).toList();
    }

    private Subscription stored(Subscription subscription) {
        return fixture.storage.subscriptions().findById(subscription.id()).orElseThrow();
    }

    private List<Invoice> invoicesOf(Subscription subscription) {
        return invoices.stream()
                .filter(invoice -> invoice.lines().stream().anyMatch(l -> l.subscriptionId().equals(subscription.id())))
                .sorted(Comparator.comparing(invoice -> invoice.lines().get(0).periodStart()))
                .toList();
    }

    private List<Instant> periodStartsOf(Subscription subscription) {
        return invoicesOf(subscription).stream().map(invoice -> invoice.lines().get(0).periodStart()).toList();
    }

    private static Instant at(String date, String time) {
        return Instant.parse(date + "T" + time + ":00Z");
    }

    private static List<Instant> monthly(String firstDate, String time, int count) {
        LocalDate first = LocalDate.parse(firstDate);
        return LongStream.range(0, count)
                .mapToObj(k -> first.plusMonths(k).atTime(java.time.LocalTime.parse(time)).toInstant(ZoneOffset.UTC))
                .toList();
    }

    @Test
    void aMonthlyPlanIsInvoicedAtSubscribingThenEachMonthOnItsAnchorDay() {
        assertThat(periodStartsOf(monthly)).containsExactlyElementsOf(monthly("2026-01-15", "10:00", 14));
        assertThat(invoicesOf(monthly)).allSatisfy(invoice -> {
            InvoiceLine line = invoice.lines().get(0);
            assertThat(invoice.issuedAt()).as("issued in advance, when the period starts").isEqualTo(line.periodStart());
            assertThat(line.periodEnd()).isEqualTo(line.periodStart().atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
            assertThat(invoice.state()).isEqualTo(InvoiceState.PAID);
        });
    }

    @Test
    void aSubscriptionStartingOnThe31stStaysAnchoredToItWithoutDrift() {
        assertThat(periodStartsOf(endOfMonth)).startsWith(at("2026-01-31", "10:00"), at("2026-02-28", "10:00"),
                at("2026-03-31", "10:00"), at("2026-04-30", "10:00"), at("2026-05-31", "10:00"));
        assertThat(periodStartsOf(endOfMonth)).containsExactlyElementsOf(monthly("2026-01-31", "10:00", 13));
        assertThat(invoicesOf(endOfMonth).get(1).lines().get(0).periodEnd()).isEqualTo(at("2026-03-31", "10:00"));
        assertThat(invoicesOf(endOfMonth)).allSatisfy(invoice ->
                assertThat(invoice.issuedAt()).isEqualTo(invoice.lines().get(0).periodStart()));
    }

    @Test
    void aYearlyPlanIsInvoicedOnceAYear() {
        List<Invoice> yearlyInvoices = invoicesOf(yearly);

        assertThat(yearlyInvoices).hasSize(2);
        assertThat(yearlyInvoices.get(0).issuedAt()).isEqualTo(at("2026-01-15", "10:00"));
        assertThat(yearlyInvoices.get(0).lines().get(0).periodEnd()).isEqualTo(at("2027-01-15", "10:00"));
        assertThat(yearlyInvoices.get(0).total()).isEqualTo(BillingFixture.eur("592.90"));
        assertThat(yearlyInvoices.get(1).issuedAt()).isEqualTo(at("2027-01-15", "10:00"));
        assertThat(yearlyInvoices.get(1).lines().get(0).periodEnd()).isEqualTo(at("2028-01-15", "10:00"));
    }

    @Test
    void aTrialIsNotInvoicedAndItsFirstInvoiceComesAtItsEndForAPeriodStartingThen() {
        Instant trialEnd = at("2026-01-29", "00:00");
        assertThat(trial.trialEnd()).isEqualTo(trialEnd);
        List<Invoice> trialInvoices = invoicesOf(trial);

        assertThat(trialInvoices).allSatisfy(invoice -> assertThat(invoice.issuedAt()).isAfterOrEqualTo(trialEnd));
        assertThat(trialInvoices.get(0).issuedAt()).isEqualTo(trialEnd);
        assertThat(trialInvoices.get(0).lines().get(0).periodStart()).isEqualTo(trialEnd);
        assertThat(trialInvoices.get(0).lines().get(0).periodEnd()).isEqualTo(at("2026-02-28", "00:00"));
        assertThat(periodStartsOf(trial)).containsExactlyElementsOf(monthly("2026-01-29", "00:00", 13));
        assertThat(fixture.events.eventsOf(TrialEnded.class))
                .filteredOn(ended -> ended.subscriptionId().equals(trial.id())).singleElement().satisfies(ended -> {
            assertThat(ended.subscriptionId()).isEqualTo(trial.id());
            assertThat(ended.occurredAt()).isEqualTo(trialEnd);
        });
        assertThat(stored(trial).state()).isEqualTo(SubscriptionState.ACTIVE);
    }

    @Test
    void aContractRenewsAtItsTermEndAndInvoicingContinues() {
        assertThat(periodStartsOf(contract)).containsExactlyElementsOf(monthly("2026-01-15", "10:00", 14));
        assertThat(fixture.events.eventsOf(ContractRenewed.class))
                .filteredOn(renewed -> renewed.subscriptionId().equals(contract.id())).singleElement().satisfies(renewed -> {
            assertThat(renewed.subscriptionId()).isEqualTo(contract.id());
            assertThat(renewed.occurredAt()).isEqualTo(at("2027-01-15", "10:00"));
            assertThat(renewed.contractEnd()).isEqualTo(at("2028-01-15", "10:00"));
        });
        assertThat(stored(contract).contractEnd()).isEqualTo(at("2028-01-15", "10:00"));
        assertThat(stored(contract).state()).isEqualTo(SubscriptionState.ACTIVE);
    }

    @Test
    void aContractAfterATrialStartsAtTheTrialsEndAndRenewsThereAYearLater() {
        Instant trialEnd = at("2026-02-14", "00:00");
        assertThat(trialContract.trialEnd()).isEqualTo(trialEnd);

        assertThat(periodStartsOf(trialContract)).containsExactlyElementsOf(monthly("2026-02-14", "00:00", 13));
        assertThat(fixture.events.eventsOf(ContractRenewed.class))
                .filteredOn(renewed -> renewed.subscriptionId().equals(trialContract.id())).singleElement()
                .satisfies(renewed -> {
                    assertThat(renewed.occurredAt()).isEqualTo(at("2027-02-14", "00:00"));
                    assertThat(renewed.contractEnd()).isEqualTo(at("2028-02-14", "00:00"));
                });
        assertThat(fixture.events.eventsOf(ContractRenewed.class)).hasSize(2);
    }

    @Test
    void aContractCancelledForItsTermEndIsBilledUpToItAndNothingAtOrAfterIt() {
        Instant termEnd = at("2027-01-15", "10:00");

        assertThat(periodStartsOf(cancelledContract)).containsExactlyElementsOf(monthly("2026-01-15", "10:00", 12));
        assertThat(invoicesOf(cancelledContract)).allSatisfy(invoice -> {
            assertThat(invoice.issuedAt()).isBefore(termEnd);
            assertThat(invoice.lines().get(0).periodEnd()).isBeforeOrEqualTo(termEnd);
        });
        Subscription after = stored(cancelledContract);
        assertThat(after.state()).isEqualTo(SubscriptionState.CANCELLED);
        assertThat(after.cancelledAt()).isEqualTo(termEnd);
        assertThat(after.erasure()).isEqualTo(ErasureStatus.CONFIRMED);
        assertThat(fixture.environments.isLive(after.environmentId())).isFalse();
    }

    @Test
    void aReactivatedSubscriptionIsInvoicedOnTheReactivationDayForAFullPeriodWithItsOwnPeriods() {
        Instant reactivatedAt = at("2026-04-20", "10:00");

        assertThat(periodStartsOf(cancelledThenReactivated))
                .containsExactly(at("2026-01-15", "10:00"), at("2026-02-15", "10:00"));
        assertThat(reactivated.id()).isNotEqualTo(cancelledThenReactivated.id());
        assertThat(reactivated.previousId()).isEqualTo(cancelledThenReactivated.id());
        assertThat(invoicesOf(reactivated).get(0).issuedAt()).isEqualTo(reactivatedAt);
        assertThat(invoicesOf(reactivated).get(0).lines().get(0).periodEnd()).isEqualTo(at("2026-05-20", "10:00"));
        assertThat(periodStartsOf(reactivated)).containsExactlyElementsOf(monthly("2026-04-20", "10:00", 11));
        assertThat(stored(cancelledThenReactivated).state()).isEqualTo(SubscriptionState.CANCELLED);
        assertThat(stored(cancelledThenReactivated).successorId()).isEqualTo(reactivated.id());
    }

    @Test
    void everySubscriptionsPeriodsFollowEachOtherWithoutGapOrOverlapFromItsAnchor() {
        Map<SubscriptionId, List<InvoiceLine>> linesBySubscription = invoices.stream()
                .flatMap(invoice -> invoice.lines().stream())
                .collect(Collectors.groupingBy(InvoiceLine::subscriptionId));

        assertThat(linesBySubscription).hasSize(9);
        linesBySubscription.forEach((id, lines) -> {
            List<InvoiceLine> sorted = lines.stream().sorted(Comparator.comparing(InvoiceLine::periodStart)).toList();
            Subscription subscription = fixture.storage.subscriptions().findById(id).orElseThrow();
            assertThat(sorted.get(0).periodStart()).as("first period of %s", id).isEqualTo(subscription.billingAnchor());
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(sorted.get(i).periodStart()).as("period %d of %s", i, id)
                        .isEqualTo(sorted.get(i - 1).periodEnd());
            }
            if (!subscription.isCancelled()) {
                assertThat(subscription.invoicedThrough()).isEqualTo(sorted.get(sorted.size() - 1).periodEnd());
            }
        });
    }

    @Test
    void invoiceNumbersRunWithoutGapsPerYearlySeries() {
        Map<String, List<Long>> bySeries = invoices.stream().collect(Collectors.groupingBy(
                invoice -> invoice.number().series(),
                Collectors.mapping(invoice -> invoice.number().sequence(), Collectors.toList())));

        assertThat(bySeries).containsOnlyKeys("INV-2026", "INV-2027");
        bySeries.forEach((series, sequences) -> assertThat(sequences.stream().sorted().toList()).as(series)
                .isEqualTo(LongStream.rangeClosed(1, sequences.size()).boxed().toList()));
        assertThat(bySeries.get("INV-2026")).hasSize(83);
        assertThat(bySeries.get("INV-2027")).hasSize(11);
        assertThat(invoices).allSatisfy(invoice -> assertThat(invoice.number().series())
                .isEqualTo("INV-" + invoice.issuedAt().atZone(ZoneOffset.UTC).getYear()));
        List<Invoice> inIssueOrder = invoices.stream()
                .sorted(Comparator.comparing(Invoice::issuedAt).thenComparing(invoice -> invoice.number().sequence()))
                .filter(invoice -> invoice.number().series().equals("INV-2026")).toList();
        assertThat(inIssueOrder.get(0).number()).isEqualTo(new InvoiceNumber("INV-2026", 1));
        assertThat(inIssueOrder.get(0).number().toString()).isEqualTo("INV-2026-000001");
        assertThat(invoices).filteredOn(invoice -> invoice.number().toString().equals("INV-2027-000001"))
                .singleElement().satisfies(first2027 -> assertThat(first2027.issuedAt())
                        .isEqualTo(at("2027-01-14", "00:00")));
        Set<String> numbers = new HashSet<>();
        invoices.forEach(invoice -> assertThat(numbers.add(invoice.number().toString())).isTrue());
    }

    @Test
    void everyInvoiceIsIssuedByTheRunOrTheOperationThatStartedItsPeriodAndPaid() {
        assertThat(invoices).hasSize(94);
        assertThat(invoicesIssuedByRuns + invoicesIssuedByOperations).isEqualTo(invoices.size());
        assertThat(invoicesIssuedByOperations).as("five subscribed at the start without a trial, one on the 31st, one reactivated")
                .isEqualTo(7);
        assertThat(invoices).allSatisfy(invoice -> assertThat(invoice.state()).isEqualTo(InvoiceState.PAID));
        assertThat(fixture.payments.distinctCharges()).isEqualTo(invoices.size());
    }

    @Test
    void aSecondRunForTheSameInstantDoesNothingAndChangesNoInvoice() {
        assertThat(invoicesBeforeInstant).hasSizeGreaterThan(800);
        assertThat(repeatedRunProblems).isEmpty();
    }
}
