package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aChildOf;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aContractPlan;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aReactivationOf;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.aTrialPlan;
import static org.billingsdk.core.contract.ContractData.aTrialPlanWithContract;
import static org.billingsdk.core.contract.ContractData.idsAtTheEdgesOfTheOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.BillingMode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.CompanyScope;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.subscription.SubscriptionSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link SubscriptionStore}: subscriptions round-trip with every field (instants
 * to the microsecond, empty fields as empty), writes are versioned as companies' are, and the
 * queries of the billing run select exactly what they promise: {@code findDue} the
 * subscriptions whose {@link Subscription#nextDueAt()} has come, {@code findAwaitingErasure} the
 * cancelled ones whose erasure is pending, both ordered by {@link SubscriptionId#compareTo}
 * (unsigned, as PostgreSQL orders {@code uuid}) so that paging with the last id seen finds each
 * exactly once. {@code nextDueAt()} is the oracle: it depends on the state, the trial, the
 * contract, the periods invoiced and the scheduled cancellation, so a storage that keeps it in a
 * column must recompute it on every update, and one that computes it in a query must agree with
 * it. {@code findAllById} answers the stored subscriptions among the ids given, each once, as
 * {@code findById} does; {@code updateAll} updates each as {@code update} does and, when one of
 * them is stale or missing, throws as {@code update} does, after which the caller's transaction
 * rolls back with none of the batch changed. {@code findSummaries} answers, in any order, what the
 * portal's list shows of each subscription of the given companies (a scheduled cancellation only
 * while not cancelled), each once, the cancelled ones only when asked for. Run it on an
 * implementation with:
 *
 * <pre>{@code
 * class PostgresSubscriptionStoreTest extends SubscriptionStoreContract {
 *     // TestDatabases.postgres(): the adapter's test database, migrated, emptied before each test
 *     protected Storage newStorage() { return JdbcStorage.forDataSource(TestDatabases.postgres()); }
 * }
 * }</pre>
 */
public abstract class SubscriptionStoreContract extends StorageContract {

    private static final int PAGE = 3;

    private Company company;
    private Company child;
    private Company other;
    private Plan plain;
    private Plan trial;
    private Plan contract;
    private Plan trialWithContract;

    /** Environment ids a storage must keep verbatim: the tricky texts and the longest id allowed. */
    public static Stream<String> environmentIds() {
        return Stream.concat(ContractData.trickyTexts(), Stream.of("e".repeat(200)));
    }

    @BeforeEach
    public final void insertCompaniesAndPlans() {
        company = storage.companies().insert(aCompany("Acme"));
        child = storage.companies().insert(aChildOf(company, "Acme Child"));
        other = storage.companies().insert(aCompany("Other"));
        Product product = aProduct();
        storage.catalog().insertProduct(product);
        plain = aPlan(product);
        trial = aTrialPlan(product);
        contract = aContractPlan(product);
        trialWithContract = aTrialPlanWithContract(product);
        Stream.of(plain, trial, contract, trialWithContract).forEach(storage.catalog()::insertPlan);
    }

    private SubscriptionStore subscriptions() {
        return storage.subscriptions();
    }

    private Subscription insert(Subscription subscription) {
        return subscriptions().insert(subscription);
    }

    @Test
    public void insertStoresTheSubscriptionAtVersionOneAndFindsIt() {
        Subscription subscription = aSubscription(company, trialWithContract);

        Subscription stored = subscriptions().insert(subscription);

        assertThat(stored).isEqualTo(subscription.withVersion(1));
        assertThat(subscriptions().findById(subscription.id())).contains(stored);
    }

    @Test
    public void aSubscriptionsQuantityRoundTripsAndAnUpdateKeepsTheNewOne() {
        Subscription seats = Subscription.subscribe(SubscriptionId.random(), company.id(), plain, 7,
                EnvironmentId.of("edr-env-seats"), NOW);

        Subscription stored = insert(seats);
        Subscription more = subscriptions().update(new Subscription(stored.id(), stored.companyId(), stored.planId(),
                12, stored.state(), stored.environmentId(), stored.startedAt(), stored.billingAnchor(),
                stored.trialEnd(), stored.contractEnd(), stored.invoicedThrough(), stored.cancelAt(), null,
                stored.cancelledAt(), stored.erasure(), stored.erasedAt(), stored.previousId(), stored.successorId(),
                stored.version()));

        assertThat(stored.quantity()).isEqualTo(7);
        assertThat(subscriptions().findById(seats.id())).contains(more);
        assertThat(more.quantity()).isEqualTo(12);
        assertThat(subscriptions().findSummaries(List.of(company.id()), true)).singleElement()
                .satisfies(summary -> assertThat(summary.quantity()).isEqualTo(12));
    }

    @Test
    public void anUnknownSubscriptionIsNotFound() {
        insert(aSubscription(company, plain));

        assertThat(subscriptions().findById(SubscriptionId.random())).isEmpty();
    }

    @Test
    public void aSubscriptionWithNothingScheduledKeepsItsEmptyFields() {
        Subscription subscription = aSubscription(company, plain);

        insert(subscription);

        Subscription found = subscriptions().findById(subscription.id()).orElseThrow();
        assertThat(found).isEqualTo(subscription.withVersion(1));
        assertThat(found).extracting(Subscription::trialEnd, Subscription::contractEnd, Subscription::invoicedThrough,
                Subscription::cancelAt, Subscription::cancelledAt, Subscription::erasedAt, Subscription::previousId,
                Subscription::successorId).containsOnlyNulls();
    }

    @Test
    public void aSubscriptionWithEveryFieldSetRoundTrips() {
        Subscription previous = insert(aSubscription(company, plain, NOW.minus(days(90)))
                .cancelledOn(NOW.minus(days(40))));
        Subscription successor = insert(aSubscription(company, plain));
        Subscription everything = ContractData.aTrialingSubscriptionLinkedTo(previous, company, trialWithContract,
                        NOW.minus(days(10)))
                .periodInvoiced(NOW.plus(days(5)).minus(MICROSECOND))
                .scheduleCancellation(NOW.plus(days(20)))
                .cancelledOn(NOW.plus(days(20)).plus(MICROSECOND))
                .erasureConfirmedAt(NOW.plus(days(21)))
                .succeededBy(successor.id());
        // A cancelled subscription has no scheduled change: that field is the next test's.
        assertThat(everything).hasNoNullFieldsOrPropertiesExcept("scheduledChange");

        insert(everything);

        assertThat(subscriptions().findById(everything.id())).contains(everything.withVersion(1));
    }

    @Test
    public void aScheduledChangeRoundTripsIsReplacedAndRevokedByUpdates() {
        Subscription stored = insert(aSubscription(company, plain));
        ScheduledChange change = new ScheduledChange(trialWithContract.id(), 3, NOW.plus(days(30)).plus(MICROSECOND));

        Subscription scheduled = subscriptions().update(stored.scheduleChange(change));
        assertThat(subscriptions().findById(stored.id())).contains(scheduled);
        assertThat(subscriptions().findById(stored.id()).orElseThrow().scheduledChange()).isEqualTo(change);
        assertThat(subscriptions().findSummaries(List.of(company.id()), false))
                .filteredOn(s -> s.id().equals(stored.id())).singleElement()
                .extracting(SubscriptionSummary::scheduledChange).isEqualTo(change);

        ScheduledChange newer = new ScheduledChange(plain.id(), 5, NOW.plus(days(31)));
        Subscription replaced = subscriptions().update(scheduled.scheduleChange(newer));
        assertThat(subscriptions().findById(stored.id())).contains(replaced);

        Subscription revoked = subscriptions().update(replaced.withoutScheduledChange());
        assertThat(subscriptions().findById(stored.id())).contains(revoked);
        assertThat(revoked.scheduledChange()).isNull();
    }

    @Test
    public void aSubscriptionWhosePlanAndAnchorChangedRoundTrips() {
        Subscription stored = insert(aSubscription(company, plain));
        Subscription changed = stored.changedTo(plain, trialWithContract, 4, NOW.plus(days(3)));

        Subscription updated = subscriptions().update(changed);

        assertThat(subscriptions().findById(stored.id())).contains(updated);
        assertThat(updated.planId()).isEqualTo(trialWithContract.id());
        assertThat(updated.quantity()).isEqualTo(4);
    }

    @Test
    public void aReactivationAndTheSubscriptionItReactivatedAreLinkedBothWays() {
        Subscription cancelled = insert(aSubscription(company, trial, NOW.minus(days(30))).cancelledOn(NOW));
        Subscription reactivation = aReactivationOf(cancelled, trial);

        insert(reactivation);
        Subscription linked = subscriptions().update(cancelled.succeededBy(reactivation.id()));

        assertThat(subscriptions().findById(reactivation.id())).contains(reactivation.withVersion(1))
                .hasValueSatisfying(found -> assertThat(found.previousId()).isEqualTo(cancelled.id()));
        assertThat(subscriptions().findById(cancelled.id())).contains(linked)
                .hasValueSatisfying(found -> assertThat(found.successorId()).isEqualTo(reactivation.id()));
    }

    @Test
    public void everyStateAndErasureStatusRoundTrips() {
        List<Subscription> subscriptions = List.of(
                aSubscription(company, trial),
                aSubscription(company, plain),
                aSubscription(company, plain).pastDue(),
                aSubscription(company, plain).cancelledOn(NOW),
                aSubscription(company, plain).cancelledOn(NOW).erasureConfirmedAt(NOW.plus(days(1))));
        assertThat(subscriptions).extracting(Subscription::state).containsExactly(SubscriptionState.TRIALING,
                SubscriptionState.ACTIVE, SubscriptionState.PAST_DUE, SubscriptionState.CANCELLED,
                SubscriptionState.CANCELLED);
        assertThat(subscriptions).extracting(Subscription::erasure).containsExactly(ErasureStatus.NOT_REQUESTED,
                ErasureStatus.NOT_REQUESTED, ErasureStatus.NOT_REQUESTED, ErasureStatus.PENDING,
                ErasureStatus.CONFIRMED);

        subscriptions.forEach(this::insert);

        for (Subscription subscription : subscriptions) {
            assertThat(subscriptions().findById(subscription.id())).contains(subscription.withVersion(1));
        }
    }

    @Test
    public void instantsKeepTheirMicroseconds() {
        Subscription lastMicroOfAMonth = aSubscription(company, contract,
                        Instant.parse("2026-03-31T23:59:59.999999Z"))
                .periodInvoiced(Instant.parse("2026-04-30T23:59:59.999999Z"))
                .scheduleCancellation(Instant.parse("2199-12-31T23:59:59.999999Z"));
        Subscription firstMicroAfterASecond = aSubscription(company, trial,
                        Instant.parse("1999-12-31T23:59:59.000001Z"))
                .scheduleCancellation(NOW.plus(MICROSECOND));

        insert(lastMicroOfAMonth);
        insert(firstMicroAfterASecond);

        assertThat(subscriptions().findById(lastMicroOfAMonth.id())).contains(lastMicroOfAMonth.withVersion(1));
        assertThat(subscriptions().findById(firstMicroAfterASecond.id()))
                .contains(firstMicroAfterASecond.withVersion(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.SubscriptionStoreContract#environmentIds")
    public void environmentIdsAreKeptVerbatim(String environmentId) {
        Subscription subscription = Subscription.subscribe(SubscriptionId.random(), company.id(), plain,
                EnvironmentId.of(environmentId), NOW);

        insert(subscription);

        assertThat(subscriptions().findById(subscription.id())).contains(subscription.withVersion(1));
    }

    @Test
    public void insertingATakenIdIsRefusedAndTheFirstSubscriptionIsKept() {
        Subscription first = insert(aSubscription(company, plain));

        assertThatExceptionOfType(DuplicateKeyException.class)
                .isThrownBy(() -> insert(aSubscription(company, trial, first.id())));
        assertThat(subscriptions().findById(first.id())).contains(first);
    }

    @Test
    public void updateIncrementsTheVersionAndKeepsEveryField() {
        Subscription successor = insert(aSubscription(company, plain));
        Subscription subscription = insert(aSubscription(company, trialWithContract, NOW.minus(days(500))));
        List<UnaryOperator<Subscription>> transitions = List.of(
                Subscription::trialEnded,
                s -> s.periodInvoiced(NOW.minus(days(100))),
                Subscription::pastDue,
                Subscription::recovered,
                s -> s.periodInvoiced(NOW.plus(days(30))),
                s -> s.scheduleCancellation(NOW.plus(days(3))),
                Subscription::withoutScheduledCancellation,
                s -> s.contractRenewed(trialWithContract.contractMonths(), NOW),
                s -> s.cancelledOn(NOW.plus(MICROSECOND)),
                s -> s.erasureConfirmedAt(NOW.plus(days(1))),
                s -> s.succeededBy(successor.id()));

        for (UnaryOperator<Subscription> transition : transitions) {
            Subscription changed = transition.apply(subscription);
            Subscription updated = subscriptions().update(changed);

            assertThat(updated).isEqualTo(changed.withVersion(subscription.version() + 1));
            assertThat(subscriptions().findById(subscription.id())).contains(updated);
            subscription = updated;
        }
        assertThat(subscription.version()).isEqualTo(1 + transitions.size());
    }

    @Test
    public void staleUpdateIsRefusedAndTheStoredSubscriptionIsUnchanged() {
        Subscription read = insert(aSubscription(company, plain));
        Subscription current = subscriptions().update(read.scheduleCancellation(NOW.plus(days(30))));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> subscriptions().update(read.cancelledOn(NOW)));
        assertThat(subscriptions().findById(read.id())).contains(current);
    }

    @Test
    public void updateWithAVersionAheadOfTheStoredOneIsRefused() {
        Subscription stored = insert(aSubscription(company, plain));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> subscriptions().update(stored.cancelledOn(NOW).withVersion(7)));
        assertThat(subscriptions().findById(stored.id())).contains(stored);
    }

    @Test
    public void updatingAnUnknownSubscriptionIsRefusedAsNotFound() {
        Subscription neverStored = aSubscription(company, plain).withVersion(1);

        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> subscriptions().update(neverStored));
        assertThat(subscriptions().findById(neverStored.id())).isEmpty();
    }

    @Test
    public void findByCompaniesFindsEverySubscriptionOfTheGivenCompaniesOnlyCancelledIncluded() {
        Subscription ofCompany = insert(aSubscription(company, plain, NOW.minus(days(2))));
        Subscription cancelled = insert(aSubscription(company, trial).cancelledOn(NOW.plus(days(1))));
        Subscription ofChild = insert(aSubscription(child, plain, NOW.minus(days(1))));
        Subscription ofOther = insert(aSubscription(other, plain));

        assertThat(subscriptions().findByCompanies(List.of(company.id(), child.id())))
                .containsExactly(ofCompany, ofChild, cancelled);
        assertThat(subscriptions().findByCompanies(Set.of(company.id()))).containsExactly(ofCompany, cancelled);
        assertThat(subscriptions().findByCompanies(List.of(other.id()))).containsExactly(ofOther);
    }

    @Test
    public void findByCompaniesOrdersByStartThenById() {
        List<Subscription> stored = new ArrayList<>();
        for (SubscriptionId id : idsAtTheEdgesOfTheOrder()) {
            stored.add(insert(aSubscription(company, plain, id, NOW)));
        }
        stored.add(insert(aSubscription(company, plain, NOW.minus(MICROSECOND))));
        stored.add(insert(aSubscription(child, plain, NOW.plus(MICROSECOND))));
        stored.add(insert(aSubscription(child, plain, NOW.minus(days(1)))));

        assertThat(subscriptions().findByCompanies(List.of(child.id(), company.id())))
                .containsExactlyElementsOf(stored.stream()
                        .sorted(Comparator.comparing(Subscription::startedAt).thenComparing(Subscription::id))
                        .toList());
    }

    @Test
    public void findByNoOrUnknownCompaniesFindsNothing() {
        insert(aSubscription(company, plain));

        assertThat(subscriptions().findByCompanies(List.of())).isEmpty();
        assertThat(subscriptions().findByCompanies(List.of(CompanyId.random()))).isEmpty();
    }

    @Test
    public void findSummariesSummarizesEverySubscriptionOfTheGivenCompaniesWithWhatTheListShows() {
        Subscription trialing = insert(aSubscription(company, trialWithContract, NOW.minus(days(3))));
        Subscription scheduled = insert(aSubscription(company, contract, NOW.minus(days(2)).plus(MICROSECOND))
                .periodInvoiced(NOW.plus(days(28))).scheduleCancellation(NOW.plus(days(300))));
        Subscription pastDue = insert(aSubscription(child, plain, NOW.minus(days(40)))
                .periodInvoiced(NOW.minus(days(10))).pastDue());
        Subscription scheduledThenCancelled = insert(aSubscription(child, plain, NOW.minus(days(90)))
                .scheduleCancellation(NOW.minus(days(5))));
        Subscription cancelled = subscriptions().update(
                scheduledThenCancelled.cancelledOn(NOW.minus(days(1))).erasureConfirmedAt(NOW));
        Subscription reactivation = insert(aReactivationOf(cancelled, plain));
        insert(aSubscription(other, plain));

        List<SubscriptionSummary> summaries = subscriptions().findSummaries(List.of(company.id(), child.id()), true);

        assertThat(summaries).containsExactlyInAnyOrderElementsOf(Stream.of(trialing, scheduled, pastDue, cancelled,
                reactivation).map(SubscriptionSummary::of).toList());
        assertThat(summaries).filteredOn(summary -> summary.id().equals(scheduled.id())).singleElement()
                .isEqualTo(new SubscriptionSummary(scheduled.id(), company.id(), contract.id(), 1,
                        SubscriptionState.ACTIVE, scheduled.environmentId(), NOW.minus(days(2)).plus(MICROSECOND),
                        scheduled.billingAnchor(), null, scheduled.contractEnd(), NOW.plus(days(300)), null, null,
                        ErasureStatus.NOT_REQUESTED));
        assertThat(scheduled.contractEnd()).isNotNull();
        assertThat(summaries).filteredOn(summary -> summary.id().equals(cancelled.id())).singleElement()
                .isEqualTo(new SubscriptionSummary(cancelled.id(), child.id(), plain.id(), 1,
                        SubscriptionState.CANCELLED, cancelled.environmentId(), NOW.minus(days(90)),
                        cancelled.billingAnchor(), null, null, null, null, NOW.minus(days(1)),
                        ErasureStatus.CONFIRMED));
        assertThat(summaries).filteredOn(summary -> summary.id().equals(trialing.id())).singleElement()
                .satisfies(summary -> {
                    assertThat(summary.state()).isEqualTo(SubscriptionState.TRIALING);
                    assertThat(summary.trialEnd()).isEqualTo(trialing.trialEnd()).isNotNull();
                    assertThat(summary.contractEnd()).isEqualTo(trialing.contractEnd()).isNotNull();
                });
    }

    @Test
    public void findSummariesWithoutCancelledLeavesTheCancelledOnesOut() {
        Subscription active = insert(aSubscription(company, plain));
        Subscription pendingErasure = insert(aSubscription(company, plain).cancelledOn(NOW));
        Subscription erased = insert(aSubscription(child, plain).cancelledOn(NOW).erasureConfirmedAt(NOW));
        Subscription trialing = insert(aSubscription(child, trial));
        List<CompanyId> both = List.of(company.id(), child.id());

        assertThat(subscriptions().findSummaries(both, false)).extracting(SubscriptionSummary::id)
                .containsExactlyInAnyOrder(active.id(), trialing.id());
        assertThat(subscriptions().findSummaries(both, true)).extracting(SubscriptionSummary::id)
                .containsExactlyInAnyOrder(active.id(), pendingErasure.id(), erased.id(), trialing.id());
    }

    @Test
    public void findSummariesAnswersEachSubscriptionOnceAndNothingForNoOrUnknownCompanies() {
        Subscription first = insert(aSubscription(company, plain));
        Subscription second = insert(aSubscription(company, trial, NOW.minus(days(1))));

        assertThat(subscriptions().findSummaries(List.of(company.id(), company.id()), false))
                .extracting(SubscriptionSummary::id).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(subscriptions().findSummaries(List.of(), true)).isEmpty();
        assertThat(subscriptions().findSummaries(List.of(CompanyId.random()), true)).isEmpty();
        assertThat(subscriptions().findSummaries(List.of(other.id()), true)).isEmpty();
    }

    @Test
    public void findSummariesFindsTheSubscriptionsOfMoreCompaniesThanOneQueryTakes() {
        List<CompanyId> ids = new ArrayList<>();
        List<SubscriptionId> expected = new ArrayList<>();
        for (int i = 0; i < ContractData.MORE_KEYS_THAN_ONE_QUERY_TAKES; i++) {
            ids.add(CompanyId.random());
        }
        ids.add(company.id());
        ids.add(child.id());
        expected.add(insert(aSubscription(company, plain)).id());
        expected.add(insert(aSubscription(child, plain)).id());

        assertThat(subscriptions().findSummaries(ids, false)).extracting(SubscriptionSummary::id)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * The tree the listing tests read, under {@code company} ("Acme"): Birch, Alder with Cedar below
     * it, a second Birch, partner-managed Delta, and in the other tenant a company named Alder too.
     * Names are capitalized ASCII words, which every collation orders as {@link String#compareTo}.
     */
    private final class Listing {
        final Company birch = storage.companies().insert(aChildOf(company, "Birch"));
        final Company alder = storage.companies().insert(aChildOf(company, "Alder"));
        final Company cedar = storage.companies().insert(aChildOf(alder, "Cedar"));
        final Company secondBirch = storage.companies().insert(aChildOf(company, "Birch"));
        final Company delta = storage.companies().insert(partnerManaged(aChildOf(company, "Delta")));
        final Company otherAlder = storage.companies().insert(aChildOf(other, "Alder"));
        /** When the listings are read: after some trials' ends and some scheduled dates. */
        final Instant at = NOW.plus(days(20));
        final Plan otherProducts;

        Listing() {
            Product product = aProduct("xdr");
            storage.catalog().insertProduct(product);
            otherProducts = aPlan(product);
            storage.catalog().insertPlan(otherProducts);
            for (Company each : List.of(company, birch, alder, cedar, secondBirch, delta, otherAlder, child)) {
                insert(aSubscription(each, plain, NOW.minus(days(40))));
                insert(aSubscription(each, trial, NOW.minus(days(1))));
            }
            insert(aSubscription(birch, trial, NOW.plus(days(10))));
            insert(aSubscription(birch, plain, NOW.minus(days(40))).periodInvoiced(NOW.minus(days(10))).pastDue());
            insert(aSubscription(alder, contract, NOW.minus(days(30))).periodInvoiced(NOW)
                    .scheduleCancellation(NOW.plus(days(300))));
            insert(aSubscription(alder, plain, NOW.minus(days(30))).scheduleCancellation(NOW.plus(days(5))));
            insert(aSubscription(cedar, plain, NOW.minus(days(30))).periodInvoiced(NOW)
                    .scheduleChange(new ScheduledChange(contract.id(), 4, NOW.plus(days(30)))));
            insert(aSubscription(cedar, plain, NOW.minus(days(30))).periodInvoiced(NOW)
                    .scheduleChange(new ScheduledChange(contract.id(), 2, NOW.plus(days(10)))));
            insert(aSubscription(secondBirch, otherProducts, NOW.minus(days(2))));
            insert(aSubscription(secondBirch, plain, NOW.minus(days(60))).cancelledOn(NOW.minus(days(3))));
            Subscription sameStart = aSubscription(cedar, plain, NOW.minus(days(40)));
            for (SubscriptionId id : ContractData.idsAtTheEdgesOfTheOrder()) {
                insert(new Subscription(id, sameStart.companyId(), sameStart.planId(), sameStart.quantity(),
                        sameStart.state(), EnvironmentId.of("env-" + id), sameStart.startedAt(),
                        sameStart.billingAnchor(), sameStart.trialEnd(), sameStart.contractEnd(),
                        sameStart.invoicedThrough(), sameStart.cancelAt(), null, sameStart.cancelledAt(),
                        sameStart.erasure(), sameStart.erasedAt(), null, null, 0));
            }
        }

        CompanyScope below(Company top) {
            return CompanyScope.of(top.id(), Scope.WITH_DESCENDANTS, storage.companies());
        }

        SubscriptionStore.Listing every() {
            return new SubscriptionStore.Listing(null, EnumSet.allOf(SubscriptionState.class), false, null, at);
        }

        /**
         * The oracle: every subscription of the descendants of the scope's company, partner-managed
         * companies left out, that the listing selects, in the contract's order.
         */
        List<SubscriptionStore.Listed> expected(CompanyScope scope, SubscriptionStore.Listing listing) {
            List<SubscriptionStore.Listed> rows = new ArrayList<>();
            for (Company each : storage.companies().findSubtree(scope.companyId())) {
                if (each.id().equals(scope.companyId()) || each.isPartnerManaged()) {
                    continue;
                }
                for (SubscriptionSummary summary : subscriptions().findSummaries(List.of(each.id()), true)) {
                    if (listing.selects(summary, each.name())) {
                        rows.add(new SubscriptionStore.Listed(summary, each.name(), each.payer()));
                    }
                }
            }
            rows.sort(Comparator.comparing(SubscriptionStore.Listed::position));
            return rows;
        }

        /** The listing read page by page, each page after the last row of the one before. */
        List<SubscriptionStore.Listed> paged(CompanyScope scope, SubscriptionStore.Listing listing, int size) {
            List<SubscriptionStore.Listed> rows = new ArrayList<>();
            SubscriptionStore.ListPosition after = null;
            while (true) {
                List<SubscriptionStore.Listed> page = subscriptions().findListedBelow(scope, listing, after, size);
                rows.addAll(page);
                if (page.size() < size) {
                    return rows;
                }
                after = page.get(page.size() - 1).position();
            }
        }

        Map<SubscriptionState, Long> expectedCounts(CompanyScope scope, SubscriptionStore.Listing listing) {
            Map<SubscriptionState, Long> counts = new EnumMap<>(SubscriptionState.class);
            for (Company each : storage.companies().findSubtree(scope.companyId())) {
                if (each.isPartnerManaged() || !scope.withDescendants() && !each.id().equals(scope.companyId())) {
                    continue;
                }
                for (SubscriptionSummary summary : subscriptions().findSummaries(List.of(each.id()), true)) {
                    if (listing.inStates(EnumSet.allOf(SubscriptionState.class)).selects(summary, each.name())) {
                        counts.merge(summary.stateAt(listing.now()), 1L, Long::sum);
                    }
                }
            }
            return counts;
        }
    }

    private static Company partnerManaged(Company company) {
        return new Company(company.id(), company.name(), company.parent().orElse(null), company.rootId(),
                company.mainEmail(), company.billingDetails(), BillingMode.PARTNER_MANAGED, company.createdAt(), 0);
    }

    @Test
    public void findListedBelowListsTheDescendantsByCompanyNameThenIdThenStartThenIdWithoutTheCompanyItself() {
        Listing tree = new Listing();

        List<SubscriptionStore.Listed> rows = subscriptions().findListedBelow(tree.below(company), tree.every(), null,
                1000);

        assertThat(rows).isEqualTo(tree.expected(tree.below(company), tree.every()));
        // A store may read a large page another way (the JDBC adapter joins and sorts): the same rows.
        assertThat(subscriptions().findListedBelow(tree.below(company), tree.every(), null, 100_000)).isEqualTo(rows);
        assertThat(subscriptions().findListedBelow(tree.below(company), tree.every(), rows.get(4).position(), 100_000))
                .isEqualTo(rows.subList(5, rows.size()));
        assertThat(rows).extracting(SubscriptionStore.Listed::companyName).containsSubsequence("Acme Child", "Alder",
                "Birch", "Birch", "Cedar").doesNotContain("Acme", "Delta");
        assertThat(rows).extracting(row -> row.summary().companyId()).doesNotContain(company.id(),
                tree.delta.id(), tree.otherAlder.id(), other.id());
        assertThat(rows).hasSize(2 + 4 + 4 + 4 + 10);
    }

    @Test
    public void pagingThroughTheListingFindsEachRowOnceInOrderWhateverThePageSize() {
        Listing tree = new Listing();
        List<SubscriptionStore.Listed> expected = tree.expected(tree.below(company), tree.every());

        for (int size : new int[] {1, 2, PAGE, 7}) {
            assertThat(tree.paged(tree.below(company), tree.every(), size)).as("pages of %d", size)
                    .isEqualTo(expected);
        }
    }

    @Test
    public void theListingSelectsByStateAsOfItsTimeTrialsEndedAndCancellationsInEffectIncluded() {
        Listing tree = new Listing();
        CompanyScope scope = tree.below(company);
        for (SubscriptionState state : SubscriptionState.values()) {
            SubscriptionStore.Listing listing = tree.every().inStates(EnumSet.of(state));

            assertThat(tree.paged(scope, listing, PAGE)).as("%s", state).isEqualTo(tree.expected(scope, listing))
                    .isNotEmpty();
        }
        SubscriptionStore.Listing live = tree.every().inStates(EnumSet.of(SubscriptionState.TRIALING,
                SubscriptionState.ACTIVE, SubscriptionState.PAST_DUE));
        assertThat(tree.paged(scope, live, PAGE)).isEqualTo(tree.expected(scope, live));
        SubscriptionStore.Listing before = new SubscriptionStore.Listing(null, EnumSet.of(SubscriptionState.TRIALING),
                false, null, NOW);
        assertThat(tree.paged(scope, before, PAGE)).isEqualTo(tree.expected(scope, before))
                .hasSizeGreaterThan(tree.paged(scope, tree.every().inStates(EnumSet.of(SubscriptionState.TRIALING)),
                        PAGE).size());
    }

    @Test
    public void theListingSelectsByPlanByScheduleAndByNameTextIgnoringCase() {
        Listing tree = new Listing();
        CompanyScope scope = tree.below(company);
        List<SubscriptionStore.Listing> listings = List.of(
                new SubscriptionStore.Listing(Set.of(tree.otherProducts.id()), EnumSet.allOf(SubscriptionState.class),
                        false, null, tree.at),
                new SubscriptionStore.Listing(Set.of(plain.id(), contract.id()),
                        EnumSet.allOf(SubscriptionState.class), false, null, tree.at),
                new SubscriptionStore.Listing(Set.of(), EnumSet.allOf(SubscriptionState.class), false, null, tree.at),
                new SubscriptionStore.Listing(null, EnumSet.allOf(SubscriptionState.class), true, null, tree.at),
                new SubscriptionStore.Listing(null, EnumSet.allOf(SubscriptionState.class), true, null, NOW),
                new SubscriptionStore.Listing(null, EnumSet.allOf(SubscriptionState.class), true, null,
                        NOW.plus(days(400))),
                new SubscriptionStore.Listing(null, EnumSet.allOf(SubscriptionState.class), false, "bIRc", tree.at),
                new SubscriptionStore.Listing(null, EnumSet.allOf(SubscriptionState.class), false, "der", tree.at),
                new SubscriptionStore.Listing(null, EnumSet.allOf(SubscriptionState.class), false, "%", tree.at),
                new SubscriptionStore.Listing(null, EnumSet.allOf(SubscriptionState.class), false, "_", tree.at),
                new SubscriptionStore.Listing(null, EnumSet.allOf(SubscriptionState.class), false, "!", tree.at),
                new SubscriptionStore.Listing(Set.of(plain.id()), EnumSet.of(SubscriptionState.ACTIVE), true, "e",
                        tree.at));
        for (SubscriptionStore.Listing listing : listings) {
            assertThat(tree.paged(scope, listing, PAGE)).as("%s", listing).isEqualTo(tree.expected(scope, listing));
        }
        assertThat(tree.paged(scope, listings.get(0), PAGE)).singleElement()
                .satisfies(row -> assertThat(row.summary().companyId()).isEqualTo(tree.secondBirch.id()));
        assertThat(tree.paged(scope, listings.get(2), PAGE)).isEmpty();
        assertThat(tree.paged(scope, listings.get(3), PAGE)).extracting(SubscriptionStore.Listed::companyName)
                .containsExactly("Alder", "Cedar");
        assertThat(tree.paged(scope, listings.get(6), PAGE)).extracting(SubscriptionStore.Listed::companyName)
                .containsOnly("Birch").hasSize(8);
        assertThat(tree.paged(scope, listings.get(8), PAGE)).isEmpty();
    }

    @Test
    public void aCompanyPercentOrUnderscoreInItsNameIsFoundByThatCharacterOnly() {
        Company percent = storage.companies().insert(aChildOf(company, "Fifty%Off"));
        Company underscore = storage.companies().insert(aChildOf(company, "Snake_Case"));
        insert(aSubscription(percent, plain));
        insert(aSubscription(underscore, plain));
        insert(aSubscription(child, plain));
        CompanyScope scope = CompanyScope.of(company.id(), Scope.WITH_DESCENDANTS, storage.companies());

        assertThat(subscriptions().findListedBelow(scope, new SubscriptionStore.Listing(null,
                EnumSet.allOf(SubscriptionState.class), false, "%", NOW), null, 10))
                .extracting(SubscriptionStore.Listed::companyName).containsExactly("Fifty%Off");
        assertThat(subscriptions().findListedBelow(scope, new SubscriptionStore.Listing(null,
                EnumSet.allOf(SubscriptionState.class), false, "e_c", NOW), null, 10))
                .extracting(SubscriptionStore.Listed::companyName).containsExactly("Snake_Case");
    }

    @Test
    public void theListingBelowACompanyInsideTheTreeHoldsItsSubtreeOnlyAndACompanyAloneHasNone() {
        Listing tree = new Listing();

        assertThat(tree.paged(tree.below(tree.alder), tree.every(), PAGE))
                .isEqualTo(tree.expected(tree.below(tree.alder), tree.every()))
                .extracting(SubscriptionStore.Listed::companyName).containsOnly("Cedar").hasSize(10);
        assertThat(tree.paged(tree.below(tree.cedar), tree.every(), PAGE)).isEmpty();
        assertThat(subscriptions().findListedBelow(CompanyScope.of(company.id(), Scope.COMPANY_ONLY,
                storage.companies()), tree.every(), null, 100)).isEmpty();
        assertThat(subscriptions().findListedBelow(CompanyScope.of(CompanyId.random(), Scope.WITH_DESCENDANTS,
                storage.companies()), tree.every(), null, 100)).isEmpty();
        assertThat(tree.paged(tree.below(other), tree.every(), PAGE)).extracting(row -> row.summary().companyId())
                .containsOnly(tree.otherAlder.id());
    }

    @Test
    public void aListedRowNamesItsCompanyAndWhoPaysForIt() {
        Company paidFor = storage.companies().update(storage.companies().insert(aChildOf(company, "Paid"))
                .withPayer(company.id()));
        Subscription subscription = insert(aSubscription(paidFor, plain));
        insert(aSubscription(child, plain));

        assertThat(subscriptions().findListedBelow(CompanyScope.of(company.id(), Scope.WITH_DESCENDANTS,
                storage.companies()), new SubscriptionStore.Listing(null, EnumSet.allOf(SubscriptionState.class), false,
                        null, NOW), null, 10))
                .containsExactly(
                        new SubscriptionStore.Listed(subscriptions().findSummaries(List.of(child.id()), true).get(0),
                                "Acme Child", child.id()),
                        new SubscriptionStore.Listed(SubscriptionSummary.of(subscription), "Paid", company.id()));
    }

    @Test
    public void countListedCountsTheWholeScopeByStateAsOfItsTimeTheCompanyItselfIncluded() {
        Listing tree = new Listing();
        List<SubscriptionStore.Listing> listings = List.of(tree.every(),
                tree.every().inStates(EnumSet.of(SubscriptionState.PAST_DUE)),
                new SubscriptionStore.Listing(Set.of(plain.id()), EnumSet.of(SubscriptionState.ACTIVE), false, null,
                        NOW),
                new SubscriptionStore.Listing(null, EnumSet.of(SubscriptionState.ACTIVE), true, "C", tree.at),
                new SubscriptionStore.Listing(Set.of(), EnumSet.of(SubscriptionState.ACTIVE), false, null, tree.at));
        for (Company top : List.of(company, tree.alder, tree.cedar, other)) {
            for (Scope scope : Scope.values()) {
                CompanyScope covered = CompanyScope.of(top.id(), scope, storage.companies());
                for (SubscriptionStore.Listing listing : listings) {
                    assertThat(withoutZeros(subscriptions().countListed(covered, listing)))
                            .as("%s %s %s", top.name(), scope, listing)
                            .isEqualTo(tree.expectedCounts(covered, listing));
                }
            }
        }
        Map<SubscriptionState, Long> all = subscriptions().countListed(tree.below(company), tree.every());
        assertThat(all.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2 + 2 + 4 + 4 + 4 + 10);
        assertThat(withoutZeros(subscriptions().countListed(CompanyScope.of(CompanyId.random(), Scope.WITH_DESCENDANTS,
                storage.companies()), tree.every()))).isEmpty();
    }

    private static Map<SubscriptionState, Long> withoutZeros(Map<SubscriptionState, Long> counts) {
        Map<SubscriptionState, Long> kept = new EnumMap<>(SubscriptionState.class);
        counts.forEach((state, count) -> {
            if (count != 0) {
                kept.put(state, count);
            }
        });
        return kept;
    }

    @Test
    public void findDueFindsExactlyTheSubscriptionsWhoseNextDueAtHasCome() {
        List<Subscription> stored = Stream.of(
                        aSubscription(company, plain, NOW.minus(days(10))),
                        aSubscription(company, plain, NOW.minus(days(40))).periodInvoiced(NOW.minus(days(10))),
                        aSubscription(company, plain, NOW.minus(days(40))).periodInvoiced(NOW.plus(days(20))),
                        aSubscription(company, plain, NOW.minus(days(40))).periodInvoiced(NOW.minus(days(10)))
                                .pastDue(),
                        aSubscription(company, trial, NOW.minus(days(30))),
                        aSubscription(company, trial, NOW),
                        aSubscription(company, trial, NOW.minus(days(30))).trialEnded(),
                        aSubscription(company, trial, NOW.minus(days(30))).trialEnded()
                                .periodInvoiced(NOW.plus(days(20))),
                        aSubscription(company, contract, NOW.minus(days(400))).periodInvoiced(NOW.plus(days(20))),
                        aSubscription(company, contract, NOW.minus(days(30))).periodInvoiced(NOW.plus(days(20))),
                        aSubscription(child, trialWithContract, NOW.minus(days(500))).trialEnded()
                                .periodInvoiced(NOW.plus(days(20))),
                        aSubscription(company, trial, NOW.minus(days(2))).scheduleCancellation(NOW.minus(days(1))),
                        dueAt(NOW.minus(days(1))),
                        dueAt(NOW.plus(days(1))),
                        aSubscription(company, plain, NOW.minus(days(40))).cancelledOn(NOW.minus(days(1))))
                .map(this::insert)
                .toList();
        List<Subscription> due = stored.stream().filter(SubscriptionStoreContract::isDueAtNow).toList();
        assertThat(due).as("test data: some due, some not").hasSizeBetween(4, stored.size() - 4);

        assertThat(subscriptions().findDue(NOW, null, 100)).containsExactlyElementsOf(byId(due));
    }

    @Test
    public void findDueFindsTheSubscriptionsDueAtOrBeforeNowToTheMicrosecond() {
        Subscription longAgo = insert(dueAt(NOW.minus(days(30))));
        Subscription justBefore = insert(dueAt(NOW.minus(MICROSECOND)));
        Subscription exactlyNow = insert(dueAt(NOW));
        insert(dueAt(NOW.plus(MICROSECOND)));
        insert(dueAt(NOW.plus(days(30))));
        insert(notDue(SubscriptionId.random()));

        assertThat(subscriptions().findDue(NOW, null, 100))
                .containsExactlyElementsOf(byId(longAgo, justBefore, exactlyNow));
    }

    @Test
    public void findDueExcludesCancelledSubscriptionsWhateverTheirDates() {
        Subscription due = insert(dueAt(NOW.minus(days(1))));
        insert(aSubscription(company, trialWithContract, NOW.minus(days(800))).cancelledOn(NOW.minus(days(1))));
        insert(aSubscription(company, trialWithContract, NOW.minus(days(800)))
                .scheduleCancellation(NOW.minus(days(2)))
                .cancelledOn(NOW.minus(days(2)))
                .erasureConfirmedAt(NOW.minus(days(1))));

        assertThat(subscriptions().findDue(NOW, null, 100)).containsExactly(due);
    }

    @Test
    public void findDueOrdersByIdAsSubscriptionIdCompares() {
        List<Subscription> due = new ArrayList<>();
        for (SubscriptionId id : idsAtTheEdgesOfTheOrder()) {
            due.add(insert(dueAt(id, NOW.minus(days(1)))));
        }
        for (int i = 0; i < 4; i++) {
            due.add(insert(dueAt(NOW.minus(days(1)))));
        }

        assertThat(subscriptions().findDue(NOW, null, 100)).containsExactlyElementsOf(byId(due));
    }

    @Test
    public void pagingThroughTheDueSubscriptionsFindsEachExactlyOnce() {
        List<Subscription> due = new ArrayList<>();
        for (SubscriptionId id : idsAtTheEdgesOfTheOrder()) {
            due.add(insert(dueAt(id, NOW.minus(days(1)))));
        }
        for (int i = 0; i < 4; i++) {
            due.add(insert(dueAt(NOW.minus(MICROSECOND.multipliedBy(i)))));
        }
        insert(dueAt(SubscriptionId.of("00000000-0000-0000-7fff-fffffffffffe"), NOW.plus(days(1))));
        insert(dueAt(SubscriptionId.of("7fffffff-ffff-ffff-ffff-fffffffffffe"), NOW.plus(MICROSECOND)));
        insert(notDue(SubscriptionId.of("80000000-0000-0000-0000-000000000001")));
        insert(aSubscription(company, plain, SubscriptionId.of("00000000-0000-0000-0000-000000000002"))
                .cancelledOn(NOW.minus(days(1))));
        insert(aSubscription(company, plain).cancelledOn(NOW.minus(days(1))));

        List<Subscription> found = pageThrough((after, limit) -> subscriptions().findDue(NOW, after, limit));

        assertThat(found).containsExactlyElementsOf(byId(due));
    }

    @Test
    public void findDueAfterAnIdThatIsNotDueStartsRightAfterIt() {
        List<Subscription> due = new ArrayList<>();
        for (SubscriptionId id : idsAtTheEdgesOfTheOrder()) {
            due.add(insert(dueAt(id, NOW.minus(days(1)))));
        }
        SubscriptionId notDue = SubscriptionId.of("7fffffff-ffff-ffff-ffff-fffffffffffe");
        insert(notDue(notDue));
        SubscriptionId neverStored = SubscriptionId.of("00000000-0000-0000-7fff-fffffffffffe");

        assertThat(subscriptions().findDue(NOW, notDue, 100))
                .containsExactlyElementsOf(byId(due.stream().filter(s -> s.id().compareTo(notDue) > 0).toList()));
        assertThat(subscriptions().findDue(NOW, neverStored, 2))
                .containsExactlyElementsOf(byId(due.stream().filter(s -> s.id().compareTo(neverStored) > 0).toList())
                        .subList(0, 2));
    }

    @Test
    public void findDueFollowsUpdates() {
        Subscription subscription = insert(aSubscription(company, plain, NOW.minus(days(10))));
        assertThat(subscriptions().findDue(NOW, null, 100)).as("first period to invoice").containsExactly(subscription);

        subscription = subscriptions().update(subscription.periodInvoiced(NOW.plus(days(20))));
        assertThat(subscriptions().findDue(NOW, null, 100)).as("invoiced ahead").isEmpty();

        subscription = subscriptions().update(subscription.scheduleCancellation(NOW.minus(MICROSECOND)));
        assertThat(subscriptions().findDue(NOW, null, 100)).as("cancellation due").containsExactly(subscription);

        subscription = subscriptions().update(subscription.withoutScheduledCancellation());
        assertThat(subscriptions().findDue(NOW, null, 100)).as("cancellation removed").isEmpty();

        subscription = subscriptions().update(subscription.scheduleCancellation(NOW));
        assertThat(subscriptions().findDue(NOW, null, 100)).as("cancellation due").containsExactly(subscription);

        subscriptions().update(subscription.cancelledOn(NOW));
        assertThat(subscriptions().findDue(NOW, null, 100)).as("cancelled").isEmpty();
    }

    @Test
    public void findDueFollowsTheEndOfATrialAndItsFirstInvoice() {
        Subscription subscription = insert(aSubscription(company, trial, NOW.minus(days(30))));
        assertThat(subscriptions().findDue(NOW, null, 100)).as("trial over").containsExactly(subscription);

        subscription = subscriptions().update(subscription.trialEnded());
        assertThat(subscriptions().findDue(NOW, null, 100)).as("first period to invoice")
                .containsExactly(subscription);

        subscriptions().update(subscription.periodInvoiced(NOW.plus(days(20))));
        assertThat(subscriptions().findDue(NOW, null, 100)).as("invoiced ahead").isEmpty();
    }

    @Test
    public void findAwaitingErasureFindsOnlyCancelledSubscriptionsWhoseErasureIsPending() {
        Subscription pending = insert(aSubscription(company, plain).cancelledOn(NOW));
        Subscription pendingOfOther = insert(aSubscription(other, trial).cancelledOn(NOW.minus(days(100))));
        insert(aSubscription(company, plain).cancelledOn(NOW).erasureConfirmedAt(NOW));
        insert(aSubscription(company, plain));
        insert(dueAt(NOW.minus(days(1))));

        assertThat(subscriptions().findAwaitingErasure(null, 100))
                .containsExactlyElementsOf(byId(pending, pendingOfOther));
    }

    @Test
    public void pagingThroughTheAwaitingErasuresFindsEachExactlyOnce() {
        List<Subscription> pending = new ArrayList<>();
        for (SubscriptionId id : idsAtTheEdgesOfTheOrder()) {
            pending.add(insert(aSubscription(company, plain, id).cancelledOn(NOW)));
        }
        pending.add(insert(aSubscription(child, trial).cancelledOn(NOW)));
        insert(aSubscription(company, plain, SubscriptionId.of("00000000-0000-0000-7fff-fffffffffffe"))
                .cancelledOn(NOW).erasureConfirmedAt(NOW));
        insert(aSubscription(company, plain, SubscriptionId.of("7fffffff-ffff-ffff-ffff-fffffffffffe")));
        insert(dueAt(SubscriptionId.of("80000000-0000-0000-0000-000000000001"), NOW.minus(days(1))));

        List<Subscription> found = pageThrough((after, limit) -> subscriptions().findAwaitingErasure(after, limit));

        assertThat(found).containsExactlyElementsOf(byId(pending));
    }

    @Test
    public void findAwaitingErasureFollowsUpdates() {
        Subscription subscription = insert(aSubscription(company, plain));
        assertThat(subscriptions().findAwaitingErasure(null, 100)).isEmpty();

        subscription = subscriptions().update(subscription.cancelledOn(NOW));
        assertThat(subscriptions().findAwaitingErasure(null, 100)).containsExactly(subscription);

        subscriptions().update(subscription.erasureConfirmedAt(NOW.plus(days(1))));
        assertThat(subscriptions().findAwaitingErasure(null, 100)).isEmpty();
    }

    @Test
    public void findAllByIdFindsTheStoredSubscriptionsAsFindByIdDoesEachOnce() {
        Subscription previous = insert(aSubscription(company, plain, NOW.minus(days(90)))
                .cancelledOn(NOW.minus(days(40))));
        Subscription everything = insert(ContractData.aTrialingSubscriptionLinkedTo(previous, company,
                        trialWithContract, NOW.minus(days(10)))
                .periodInvoiced(NOW.plus(days(5)).minus(MICROSECOND))
                .scheduleCancellation(NOW.plus(days(20))));
        Subscription updated = subscriptions().update(insert(aSubscription(child, trial)).trialEnded());
        Subscription notAsked = insert(aSubscription(other, plain));

        List<Subscription> found = subscriptions().findAllById(List.of(updated.id(), SubscriptionId.random(),
                everything.id(), previous.id(), everything.id(), updated.id()));

        assertThat(found).containsExactlyInAnyOrder(previous, everything, updated);
        assertThat(found).containsExactlyInAnyOrderElementsOf(Stream.of(previous, everything, updated)
                .map(subscription -> subscriptions().findById(subscription.id()).orElseThrow()).toList());
        assertThat(found).doesNotContain(notAsked);
        assertThat(found).filteredOn(subscription -> subscription.id().equals(updated.id())).singleElement()
                .extracting(Subscription::version).isEqualTo(2L);
    }

    @Test
    public void findAllByIdOfNoOrUnknownIdsFindsNothing() {
        insert(aSubscription(company, plain));

        assertThat(subscriptions().findAllById(List.of())).isEmpty();
        assertThat(subscriptions().findAllById(Set.of())).isEmpty();
        assertThat(subscriptions().findAllById(List.of(SubscriptionId.random()))).isEmpty();
    }

    @Test
    public void updateAllIncrementsEachVersionAndAnswersTheSubscriptionsInTheGivenOrder() {
        Subscription successor = insert(aSubscription(company, plain));
        Subscription inTrial = insert(aSubscription(company, trial, NOW.minus(days(30))));
        Subscription active = subscriptions().update(insert(aSubscription(child, plain, NOW.minus(days(40))))
                .periodInvoiced(NOW.minus(days(10))));
        Subscription cancelled = insert(aSubscription(other, contract, NOW.minus(days(100))).cancelledOn(NOW));
        List<Subscription> changed = List.of(
                active.periodInvoiced(NOW.plus(days(20)).plus(MICROSECOND)).scheduleCancellation(NOW.plus(days(3))),
                cancelled.erasureConfirmedAt(NOW.plus(days(1))).succeededBy(successor.id()),
                inTrial.trialEnded());

        List<Subscription> updated = subscriptions().updateAll(changed);

        assertThat(updated).containsExactly(changed.get(0).withVersion(3), changed.get(1).withVersion(2),
                changed.get(2).withVersion(2));
        for (Subscription subscription : updated) {
            assertThat(subscriptions().findById(subscription.id())).contains(subscription);
        }
        assertThat(isDueAtNow(active) && !isDueAtNow(updated.get(0))).as("test data: due, then no longer").isTrue();
        assertThat(subscriptions().findDue(NOW, null, 100)).as("findDue follows updateAll")
                .containsExactlyElementsOf(byId(Stream.concat(Stream.of(successor), updated.stream())
                        .filter(SubscriptionStoreContract::isDueAtNow).toList()));
    }

    @Test
    public void updateAllOfNoSubscriptionsChangesNothing() {
        Subscription stored = insert(aSubscription(company, plain));

        assertThat(subscriptions().updateAll(List.of())).isEmpty();
        assertThat(subscriptions().findById(stored.id())).contains(stored);
    }

    @Test
    public void aStaleSubscriptionInUpdateAllIsRefusedAndTheRolledBackTransactionChangesNoneOfThem() {
        Subscription first = insert(aSubscription(company, plain));
        Subscription read = insert(aSubscription(child, plain));
        Subscription last = insert(aSubscription(other, plain));
        Subscription current = subscriptions().update(read.scheduleCancellation(NOW.plus(days(30))));
        List<Subscription> batch = List.of(first.cancelledOn(NOW), read.cancelledOn(NOW), last.cancelledOn(NOW));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> storage.inTransaction(() -> subscriptions().updateAll(batch)));

        assertThat(subscriptions().findById(first.id())).contains(first);
        assertThat(subscriptions().findById(read.id())).contains(current);
        assertThat(subscriptions().findById(last.id())).contains(last);
        assertThat(subscriptions().findAwaitingErasure(null, 100)).isEmpty();
    }

    @Test
    public void theSameSubscriptionTwiceInUpdateAllIsRefusedTheSecondTimeAsStale() {
        Subscription first = insert(aSubscription(company, plain));
        Subscription twice = insert(aSubscription(child, plain));
        List<Subscription> batch = List.of(first.cancelledOn(NOW), twice.scheduleCancellation(NOW.plus(days(30))),
                twice.cancelledOn(NOW));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> storage.inTransaction(() -> subscriptions().updateAll(batch)));

        assertThat(subscriptions().findById(first.id())).contains(first);
        assertThat(subscriptions().findById(twice.id())).contains(twice);
    }

    @Test
    public void anUnknownSubscriptionInUpdateAllIsRefusedAsNotFoundAndTheRolledBackTransactionChangesNoneOfThem() {
        Subscription first = insert(aSubscription(company, plain));
        Subscription last = insert(aSubscription(child, plain));
        Subscription neverStored = aSubscription(company, plain).withVersion(1);
        List<Subscription> batch = List.of(first.cancelledOn(NOW), neverStored.cancelledOn(NOW),
                last.cancelledOn(NOW));

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> storage.inTransaction(() -> subscriptions().updateAll(batch)));

        assertThat(subscriptions().findById(first.id())).contains(first);
        assertThat(subscriptions().findById(last.id())).contains(last);
        assertThat(subscriptions().findById(neverStored.id())).isEmpty();
        assertThat(subscriptions().findByCompanies(List.of(company.id(), child.id())))
                .containsExactlyInAnyOrder(first, last);
    }

    /** Pages through a query as the billing run does: with the last id seen, until a page is short. */
    private static List<Subscription> pageThrough(BiFunction<SubscriptionId, Integer, List<Subscription>> query) {
        List<Subscription> found = new ArrayList<>();
        SubscriptionId after = null;
        for (int pages = 0; pages < 100; pages++) {
            List<Subscription> page = query.apply(after, PAGE);
            assertThat(page).as("page %d", pages).hasSizeLessThanOrEqualTo(PAGE);
            found.addAll(page);
            if (page.size() < PAGE) {
                return found;
            }
            after = page.get(page.size() - 1).id();
        }
        throw new AssertionError("paging did not end after 100 pages; found " + found.size());
    }

    /**
     * A subscription due at {@code at} and not before: invoiced a year ahead, its cancellation
     * scheduled for {@code at}.
     */
    private Subscription dueAt(Instant at) {
        return dueAt(SubscriptionId.random(), at);
    }

    private Subscription dueAt(SubscriptionId id, Instant at) {
        Subscription subscription = aSubscription(company, plain, id, NOW.minus(days(60)))
                .periodInvoiced(NOW.plus(days(365)))
                .scheduleCancellation(at);
        assertThat(subscription.nextDueAt()).as("test data: next due").contains(at);
        return subscription;
    }

    /** A subscription not due now: invoiced a month ahead, nothing else scheduled. */
    private Subscription notDue(SubscriptionId id) {
        Subscription subscription = aSubscription(company, plain, id, NOW.minus(days(60)))
                .periodInvoiced(NOW.plus(days(30)));
        assertThat(isDueAtNow(subscription)).as("test data: due now").isFalse();
        return subscription;
    }

    /** The oracle: whether the billing run has something to do for a subscription at {@link ContractData#NOW}. */
    private static boolean isDueAtNow(Subscription subscription) {
        return subscription.nextDueAt().filter(due -> !due.isAfter(NOW)).isPresent();
    }

    private static List<Subscription> byId(Subscription... subscriptions) {
        return byId(List.of(subscriptions));
    }

    private static List<Subscription> byId(List<Subscription> subscriptions) {
        return subscriptions.stream().sorted(Comparator.comparing(Subscription::id)).toList();
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }
}
