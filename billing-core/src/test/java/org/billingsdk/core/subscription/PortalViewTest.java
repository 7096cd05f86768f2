package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.BillingMode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the portal lists of a company's (and its descendants') subscriptions, and who may see it. */
public class PortalViewTest extends OnEveryStorage {

    private Subscriptions subscriptions;
    private Company parent;
    private Company amsterdam;
    private Company berlin;
    private Company berlinLab;
    private Actor alice;

    @BeforeEach
    void setUp() {
        subscriptions = fixture.billing.subscriptions();
        parent = fixture.root("Acme Holding");
        alice = actor(parent);
        amsterdam = fixture.child(parent, "Acme Amsterdam");
        berlin = fixture.child(parent, "Acme Berlin");
        berlinLab = fixture.child(berlin, "Acme Berlin Lab");
    }

    @Test
    void aParentSeesItsOwnAndEveryDescendantsSubscriptionsWithCompanyAmountAndProduct() {
        subscriptions.subscribe(alice, parent.id(), fixture.monthly.id());
        subscriptions.subscribe(alice, amsterdam.id(), fixture.contract.id());
        subscriptions.subscribe(alice, berlinLab.id(), fixture.trial.id());

        List<SubscriptionView> rows = subscriptions.active(alice, parent.id(), Scope.WITH_DESCENDANTS);

        assertThat(rows).extracting(SubscriptionView::companyName)
                .containsExactly("Acme Holding", "Acme Amsterdam", "Acme Berlin Lab");
        SubscriptionView amsterdamRow = rows.get(1);
        assertThat(amsterdamRow.billingAmount()).hasToString("EUR 39.00 / month");
        assertThat(amsterdamRow.product().name()).isEqualTo("Endpoint Detection & Response");
        assertThat(amsterdamRow.product().description()).isNotBlank();
        assertThat(amsterdamRow.state()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(amsterdamRow.contractEnd()).isEqualTo(Instant.parse("2027-01-15T10:00:00Z"));
        SubscriptionView labRow = rows.get(2);
        assertThat(labRow.state()).isEqualTo(SubscriptionState.TRIALING);
        assertThat(labRow.trialEnd()).isEqualTo(Instant.parse("2026-01-29T00:00:00Z"));
    }

    @Test
    void readsShowWhatTimeHasBroughtBeforeTheBillingRunHasWrittenItAndWriteNothing() {
        Subscription converting = subscriptions.subscribe(alice, amsterdam.id(), fixture.trial.id());
        Subscription leaving = subscriptions.subscribe(alice, berlin.id(), fixture.trial.id());
        Subscription renewing = subscriptions.subscribe(alice, parent.id(), fixture.contract.id());
        subscriptions.cancel(alice, leaving.id(), DataErasure.ACKNOWLEDGED);
        Instant trialEnd = Instant.parse("2026-01-29T00:00:00Z");
        fixture.clock.set(Instant.parse("2027-01-15T11:00:00Z"));
        fixture.events.clear();
        List<Subscription> storedBefore = Stream.of(converting, leaving, renewing)
                .map(s -> fixture.storage.subscriptions().findById(s.id()).orElseThrow()).toList();

        SubscriptionView left = subscriptions.find(alice, leaving.id());
        SubscriptionView converted = subscriptions.find(alice, converting.id());
        SubscriptionView renewed = subscriptions.find(alice, renewing.id());
        List<SubscriptionView> active = subscriptions.active(alice, parent.id(), Scope.WITH_DESCENDANTS);
        List<SubscriptionView> all = subscriptions.all(alice, parent.id(), Scope.WITH_DESCENDANTS);

        assertThat(left.state()).isEqualTo(SubscriptionState.CANCELLED);
        assertThat(left.cancelledAt()).isEqualTo(trialEnd);
        assertThat(left.scheduledCancellation()).isNull();
        assertThat(left.erasure()).isEqualTo(ErasureStatus.PENDING);
        assertThat(converted.state()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(converted.trialEnd()).isEqualTo(trialEnd);
        assertThat(renewed.contractEnd()).isEqualTo(Instant.parse("2028-01-15T10:00:00Z"));
        assertThat(active).extracting(SubscriptionView::subscriptionId)
                .containsExactly(renewing.id(), converting.id());
        assertThat(active).extracting(SubscriptionView::state)
                .containsExactly(SubscriptionState.ACTIVE, SubscriptionState.ACTIVE);
        assertThat(all).filteredOn(row -> row.subscriptionId().equals(leaving.id())).singleElement()
                .isEqualTo(left);
        assertThat(Stream.of(converting, leaving, renewing)
                .map(s -> fixture.storage.subscriptions().findById(s.id()).orElseThrow()).toList())
                .as("reading wrote nothing").isEqualTo(storedBefore);
        assertThat(storedBefore).extracting(Subscription::state).containsExactly(SubscriptionState.TRIALING,
                SubscriptionState.TRIALING, SubscriptionState.ACTIVE);
        assertThat(fixture.environments.erased()).isEmpty();
        assertThat(fixture.events.events()).isEmpty();

        fixture.billing.run(fixture.clock.instant());

        assertThat(subscriptions.find(alice, converting.id())).isEqualTo(converted);
        assertThat(subscriptions.find(alice, renewing.id())).isEqualTo(renewed);
        assertThat(subscriptions.find(alice, leaving.id())).usingRecursiveComparison().ignoringFields("erasure")
                .isEqualTo(left);
    }

    @Test
    void theCompanyItselfComesFirstThenTheOthersByNameThenByIdEachCompanysSubscriptionsByStartThenById() {
        Company aardvark = fixture.child(parent, "Aardvark Security");
        Company twin = fixture.child(amsterdam, "Acme Twin");
        Company otherTwin = fixture.child(berlinLab, "Acme Twin");
        fixture.clock.set(Instant.parse("2026-03-01T00:00:00Z"));
        Subscription parentsLater = subscriptions.subscribe(alice, parent.id(), fixture.monthly.id());
        Subscription twinsOwn = subscriptions.subscribe(alice, twin.id(), fixture.monthly.id());
        Subscription otherTwinsOwn = subscriptions.subscribe(alice, otherTwin.id(), fixture.monthly.id());
        Subscription berlinsOwn = subscriptions.subscribe(alice, berlin.id(), fixture.monthly.id());
        fixture.clock.set(Instant.parse("2026-02-01T00:00:00Z"));
        Subscription parentsEarlier = subscriptions.subscribe(alice, parent.id(), fixture.monthly.id());
        Subscription parentsAtTheSameTime = subscriptions.subscribe(alice, parent.id(), fixture.trial.id());
        Subscription aardvarksOwn = subscriptions.subscribe(alice, aardvark.id(), fixture.monthly.id());
        List<Subscription> parentsEarlierTwo = Stream.of(parentsEarlier, parentsAtTheSameTime)
                .sorted(Comparator.comparing(Subscription::id)).toList();
        List<Subscription> twins = Stream.of(twinsOwn, otherTwinsOwn)
                .sorted(Comparator.comparing(Subscription::companyId)).toList();

        List<SubscriptionView> rows = subscriptions.active(alice, parent.id(), Scope.WITH_DESCENDANTS);

        assertThat(rows).extracting(SubscriptionView::subscriptionId).containsExactly(
                parentsEarlierTwo.get(0).id(), parentsEarlierTwo.get(1).id(), parentsLater.id(), aardvarksOwn.id(),
                berlinsOwn.id(), twins.get(0).id(), twins.get(1).id());
        assertThat(rows).extracting(SubscriptionView::companyName).containsExactly("Acme Holding", "Acme Holding",
                "Acme Holding", "Aardvark Security", "Acme Berlin", "Acme Twin", "Acme Twin");
        assertThat(subscriptions.all(actor(berlin), berlin.id(), Scope.WITH_DESCENDANTS))
                .extracting(SubscriptionView::subscriptionId).containsExactly(berlinsOwn.id(), otherTwinsOwn.id());
    }

    @Test
    void theCompanyOnlyScopeLeavesTheChildrenOut() {
        subscriptions.subscribe(alice, parent.id(), fixture.monthly.id());
        subscriptions.subscribe(alice, amsterdam.id(), fixture.monthly.id());

        assertThat(subscriptions.active(alice, parent.id(), Scope.COMPANY_ONLY))
                .extracting(SubscriptionView::companyName).containsExactly("Acme Holding");
    }

    @Test
    void theScheduledCancellationDateIsShownAndCancelledSubscriptionsLeaveTheActiveList() {
        Subscription contract = subscriptions.subscribe(alice, amsterdam.id(), fixture.contract.id());
        Subscription monthly = subscriptions.subscribe(alice, berlin.id(), fixture.monthly.id());
        subscriptions.cancel(alice, contract.id(), DataErasure.ACKNOWLEDGED);
        subscriptions.cancel(alice, monthly.id(), DataErasure.ACKNOWLEDGED);

        List<SubscriptionView> active = subscriptions.active(alice, parent.id(), Scope.WITH_DESCENDANTS);
        List<SubscriptionView> all = subscriptions.all(alice, parent.id(), Scope.WITH_DESCENDANTS);

        assertThat(active).singleElement().satisfies(row -> {
            assertThat(row.subscriptionId()).isEqualTo(contract.id());
            assertThat(row.scheduledCancellation()).isEqualTo(contract.contractEnd());
        });
        assertThat(all).extracting(SubscriptionView::state)
                .containsExactly(SubscriptionState.ACTIVE, SubscriptionState.CANCELLED);
    }

    @Test
    void aChildSeesOnlyItsOwnSubtree() {
        subscriptions.subscribe(alice, parent.id(), fixture.monthly.id());
        subscriptions.subscribe(alice, berlin.id(), fixture.monthly.id());
        subscriptions.subscribe(alice, berlinLab.id(), fixture.monthly.id());
        Actor bob = actor(berlin);

        assertThat(subscriptions.active(bob, berlin.id(), Scope.WITH_DESCENDANTS))
                .extracting(SubscriptionView::companyName).containsExactly("Acme Berlin", "Acme Berlin Lab");
        assertThatThrownBy(() -> subscriptions.active(bob, parent.id(), Scope.WITH_DESCENDANTS))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("company " + parent.id() + " not found");
        assertThatThrownBy(() -> subscriptions.active(bob, amsterdam.id(), Scope.COMPANY_ONLY))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSubscriptionOutOfReachIsAnsweredExactlyLikeOneThatDoesNotExist() {
        Subscription parents = subscriptions.subscribe(alice, parent.id(), fixture.monthly.id());
        Actor bob = actor(berlin);
        SubscriptionId unknown = SubscriptionId.random();

        NotFoundException outOfReach = catchNotFound(() -> subscriptions.find(bob, parents.id()));
        NotFoundException missing = catchNotFound(() -> subscriptions.find(bob, unknown));

        assertThat(outOfReach.getMessage().replace(parents.id().toString(), "ID"))
                .isEqualTo(missing.getMessage().replace(unknown.toString(), "ID"));
        assertThat(outOfReach.kind()).isEqualTo(missing.kind());
        assertThat(subscriptions.cancel(alice, parents.id(), DataErasure.ACKNOWLEDGED))
                .isInstanceOf(CancelResult.Cancelled.class);
    }

    /**
     * PARTNER_MANAGED reaches a host one way: thrown by every operation, as NotFoundException is,
     * never answered as a command's result, and nothing changes.
     */
    @Test
    void everyOperationOnAPartnerRunCompanysSubscriptionThrowsPartnerManagedAndChangesNothing() {
        Company partnerRun = fixture.billing.accounts().registerChild(alice, parent.id(),
                NewCompany.of("Acme Resold", "it@resold.example").withBillingMode(BillingMode.PARTNER_MANAGED));
        Subscription byThePartner = fixture.storage.inTransaction(() -> fixture.storage.subscriptions().insert(
                Subscription.subscribe(SubscriptionId.random(), partnerRun.id(), fixture.monthly,
                        EnvironmentId.of("partner-env"), fixture.clock.instant())));
        Subscription cancelledByThePartner = fixture.storage.inTransaction(() -> fixture.storage.subscriptions()
                .insert(Subscription.subscribe(SubscriptionId.random(), partnerRun.id(), fixture.monthly,
                        EnvironmentId.of("partner-env-2"), fixture.clock.instant())
                        .cancelledOn(fixture.clock.instant())));
        int events = fixture.events.events().size();
        Set<EnvironmentId> live = Set.copyOf(fixture.environments.liveEnvironments());

        for (ThrowingCallable call : List.<ThrowingCallable>of(
                () -> subscriptions.cancel(alice, byThePartner.id(), DataErasure.ACKNOWLEDGED),
                () -> subscriptions.removeScheduledCancellation(alice, byThePartner.id()),
                () -> subscriptions.reactivate(alice, cancelledByThePartner.id()))) {
            assertThatThrownBy(call).isInstanceOfSatisfying(RefusedException.class,
                    e -> assertThat(e.refusal().code()).isEqualTo(org.billingsdk.core.RefusalCode.PARTNER_MANAGED));
        }

        assertThat(fixture.storage.subscriptions().findById(byThePartner.id()).orElseThrow())
                .isEqualTo(byThePartner.withVersion(1));
        assertThat(fixture.storage.subscriptions().findByCompanies(List.of(partnerRun.id()))).hasSize(2);
        assertThat(fixture.environments.liveEnvironments()).as("no environment left for a refused reactivation")
                .isEqualTo(live);
        assertThat(fixture.events.events()).hasSize(events);
    }

    @Test
    void partnerManagedDescendantsAreLeftOutAndThemselvesRefused() {
        Company partnerRun = fixture.billing.accounts().registerChild(alice, parent.id(),
                NewCompany.of("Acme Resold", "it@resold.example").withBillingMode(BillingMode.PARTNER_MANAGED));
        fixture.billing.subscriptions().subscribe(alice, amsterdam.id(), fixture.monthly.id());

        assertThat(subscriptions.active(alice, parent.id(), Scope.WITH_DESCENDANTS))
                .extracting(SubscriptionView::companyName).containsExactly("Acme Amsterdam");
        assertThatThrownBy(() -> subscriptions.subscribe(alice, partnerRun.id(), fixture.monthly.id()))
                .isInstanceOfSatisfying(RefusedException.class, e -> {
                    assertThat(e.refusal().code()).isEqualTo(org.billingsdk.core.RefusalCode.PARTNER_MANAGED);
                    assertThat(e.getMessage()).contains("Acme Resold", "partner");
                });
        assertThatThrownBy(() -> subscriptions.active(alice, partnerRun.id(), Scope.COMPANY_ONLY))
                .isInstanceOf(RefusedException.class);
    }

    private static NotFoundException catchNotFound(Runnable call) {
        try {
            call.run();
        } catch (NotFoundException e) {
            return e;
        }
        throw new AssertionError("expected NotFoundException");
    }
}
