package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.PortException;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.CancellationRevoked;
import org.billingsdk.core.event.CancellationScheduled;
import org.billingsdk.core.event.ContractRenewed;
import org.billingsdk.core.event.SubscriptionCancelled;
import org.billingsdk.core.event.SubscriptionDataErased;
import org.billingsdk.core.event.SubscriptionReactivated;
import org.billingsdk.core.event.SubscriptionStarted;
import org.billingsdk.core.event.TrialEnded;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The subscription lifecycle through the API; on the in-memory storage unless a subclass gives another. */
public class SubscriptionLifecycleTest extends OnEveryStorage {

    private Subscriptions subscriptions;
    private Company acme;
    private Actor alice;

    @BeforeEach
    void setUp() {
        subscriptions = fixture.billing.subscriptions();
        acme = fixture.root("Acme");
        alice = actor(acme);
        fixture.events.clear();
    }

    private Subscription subscribe(PlanId plan) {
        return subscriptions.subscribe(alice, acme.id(), plan);
    }

    private Subscription stored(SubscriptionId id) {
        return fixture.storage.subscriptions().findById(id).orElseThrow();
    }

    private Instant now() {
        return fixture.clock.instant();
    }

    private BillingRunReport runAt(Instant at) {
        fixture.clock.set(at);
        return fixture.billing.run(at);
    }

    @Nested
    class Subscribing {

        @Test
        void subscribingProvisionsAnEnvironmentAndKeepsItsId() {
            Subscription subscription = subscribe(fixture.monthly.id());

            assertThat(subscription.state()).isEqualTo(SubscriptionState.ACTIVE);
            assertThat(fixture.environments.isLive(subscription.environmentId())).isTrue();
            assertThat(stored(subscription.id()).environmentId()).isEqualTo(subscription.environmentId());
            assertThat(fixture.events.eventsOf(SubscriptionStarted.class)).singleElement()
                    .satisfies(e -> assertThat(e.environmentId()).isEqualTo(subscription.environmentId()));
        }

        @Test
        void aTrialOfNDaysEndsAtTheStartOfTheNthDayAndTheFirstPaidPeriodStartsThen() {
            Subscription subscription = subscribe(fixture.trial.id());

            assertThat(subscription.state()).isEqualTo(SubscriptionState.TRIALING);
            assertThat(subscription.trialEnd()).isEqualTo(Instant.parse("2026-01-29T00:00:00Z"));
            assertThat(subscription.billingAnchor()).isEqualTo(subscription.trialEnd());
        }

        @Test
        void aContractTermStartsWithTheFirstPaidPeriod() {
            Subscription withoutTrial = subscribe(fixture.contract.id());
            Subscription withTrial = subscribe(fixture.trialWithContract.id());

            assertThat(withoutTrial.contractEnd()).isEqualTo(Instant.parse("2027-01-15T10:00:00Z"));
            assertThat(withTrial.trialEnd()).isEqualTo(Instant.parse("2026-02-14T00:00:00Z"));
            assertThat(withTrial.contractEnd()).isEqualTo(Instant.parse("2027-02-14T00:00:00Z"));
        }

        @Test
        void aFailedProvisioningStoresNothing() {
            fixture.environments.provisioningFails(true);

            assertThatThrownBy(() -> subscribe(fixture.monthly.id()))
                    .isInstanceOf(PortException.class)
                    .hasMessageContaining("environments.provision");
            assertThat(subscriptions.all(alice, acme.id(), org.billingsdk.core.Scope.COMPANY_ONLY)).isEmpty();
            assertThat(fixture.events.events()).isEmpty();
        }

        @Test
        void anUnknownPlanIsNotFound() {
            assertThatThrownBy(() -> subscribe(PlanId.of("no-such-plan")))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("plan no-such-plan not found");
            assertThat(fixture.environments.provisionedCount()).isZero();
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancellingWithoutAcknowledgingTheErasureIsRefusedAndChangesNothing() {
            Subscription subscription = subscribe(fixture.monthly.id());
            fixture.events.clear();

            CancelResult result = subscriptions.cancel(alice, subscription.id(), DataErasure.NOT_ACKNOWLEDGED);

            assertThat(result).isInstanceOfSatisfying(CancelResult.Refused.class,
                    refused -> assertThat(refused.reason().code()).isEqualTo(RefusalCode.ERASURE_NOT_ACKNOWLEDGED));
            assertThat(stored(subscription.id()).version()).isEqualTo(subscription.version());
            assertThat(fixture.events.events()).isEmpty();
        }

        @Test
        void cancellingInATrialTakesEffectAtTheTrialsEndAndItNeverBecomesActive() {
            Subscription subscription = subscribe(fixture.trial.id());

            CancelResult result = subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);

            assertThat(result).isEqualTo(new CancelResult.Scheduled(subscription.id(), subscription.trialEnd(), false));
            assertThat(stored(subscription.id()).state()).isEqualTo(SubscriptionState.TRIALING);
            assertThat(fixture.environments.isLive(subscription.environmentId())).isTrue();

            runAt(subscription.trialEnd());

            Subscription after = stored(subscription.id());
            assertThat(after.state()).isEqualTo(SubscriptionState.CANCELLED);
            assertThat(after.cancelledAt()).isEqualTo(subscription.trialEnd());
            assertThat(fixture.events.eventsOf(TrialEnded.class)).isEmpty();
            assertThat(fixture.environments.isLive(subscription.environmentId())).isFalse();
        }

        @Test
        void cancellingUnderContractTakesEffectAtTermEnd() {
            Subscription subscription = subscribe(fixture.contract.id());
            fixture.advance(Duration.ofDays(100));

            CancelResult result = subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);

            assertThat(result).isEqualTo(new CancelResult.Scheduled(subscription.id(), subscription.contractEnd(), false));
            runAt(subscription.contractEnd().minusSeconds(1));
            assertThat(stored(subscription.id()).state()).isEqualTo(SubscriptionState.ACTIVE);
            assertThat(fixture.environments.isLive(subscription.environmentId())).isTrue();

            runAt(subscription.contractEnd());
            assertThat(stored(subscription.id()).state()).isEqualTo(SubscriptionState.CANCELLED);
            assertThat(stored(subscription.id()).erasure()).isEqualTo(ErasureStatus.CONFIRMED);
            assertThat(fixture.events.eventsOf(ContractRenewed.class)).isEmpty();
        }

        @Test
        void cancellingWithoutTrialOrContractTakesEffectAtOnceAndErasesTheData() {
            Subscription subscription = subscribe(fixture.monthly.id());
            fixture.advance(Duration.ofDays(3));

            CancelResult result = subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);

            assertThat(result).isEqualTo(new CancelResult.Cancelled(subscription.id(), now(), ErasureStatus.CONFIRMED));
            Subscription after = stored(subscription.id());
            assertThat(after.state()).isEqualTo(SubscriptionState.CANCELLED);
            assertThat(after.erasedAt()).isEqualTo(now());
            assertThat(fixture.environments.erased()).containsExactly(subscription.environmentId());
            assertThat(fixture.events.events()).map(BillingEvent::type)
                    .endsWith("SubscriptionCancelled", "SubscriptionDataErased");
        }

        @Test
        void theEndOfPeriodPolicyCancelsAtTheEndOfTheCurrentBillingPeriod() {
            BillingFixture endOfPeriod = BillingFixture.on(newStorage(),
                    CancellationTiming.END_OF_BILLING_PERIOD);
            Company company = endOfPeriod.root("Globex");
            Subscription subscription = endOfPeriod.billing.subscriptions()
                    .subscribe(actor(company), company.id(), endOfPeriod.monthly.id());
            endOfPeriod.advance(Duration.ofDays(40));

            CancelResult result = endOfPeriod.billing.subscriptions()
                    .cancel(actor(company), subscription.id(), DataErasure.ACKNOWLEDGED);

            assertThat(result).isEqualTo(new CancelResult.Scheduled(subscription.id(),
                    Instant.parse("2026-03-15T10:00:00Z"), false));
        }

        @Test
        void cancellingAnAlreadyScheduledSubscriptionAnswersTheSameDateAndChangesNothing() {
            Subscription subscription = subscribe(fixture.contract.id());
            subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);
            long version = stored(subscription.id()).version();
            int events = fixture.events.events().size();
            fixture.advance(Duration.ofDays(10));

            CancelResult again = subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);

            assertThat(again).isEqualTo(new CancelResult.Scheduled(subscription.id(), subscription.contractEnd(), true));
            assertThat(stored(subscription.id()).version()).isEqualTo(version);
            assertThat(fixture.events.events()).hasSize(events);
        }

        @Test
        void cancellingACancelledSubscriptionIsRefused() {
            Subscription subscription = subscribe(fixture.monthly.id());
            subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);

            CancelResult again = subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);

            assertThat(again).isInstanceOfSatisfying(CancelResult.Refused.class, refused -> {
                assertThat(refused.reason().code()).isEqualTo(RefusalCode.ALREADY_CANCELLED);
                assertThat(refused.reason().message()).contains("already cancelled");
            });
        }

        @Test
        void theDataIsErasedOnlyWhenTheCancellationTakesEffectNeverWhenRequested() {
            Subscription subscription = subscribe(fixture.contract.id());
            subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);

            assertThat(fixture.environments.erasureCalls(subscription.environmentId())).isZero();
            assertThat(stored(subscription.id()).erasure()).isEqualTo(ErasureStatus.NOT_REQUESTED);
        }
    }

    @Nested
    class Erasure {

        @Test
        void aFailedErasureStaysPendingAndIsRetriedByTheBillingRunUntilConfirmed() {
            Subscription subscription = subscribe(fixture.monthly.id());
            fixture.environments.failNextErasures(2);

            CancelResult result = subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);
            assertThat(result).isInstanceOfSatisfying(CancelResult.Cancelled.class,
                    cancelled -> assertThat(cancelled.erasure()).isEqualTo(ErasureStatus.PENDING));

            BillingRunReport stillFailing = runAt(now().plusSeconds(3600));
            assertThat(stillFailing.erasuresPending()).isEqualTo(1);
            assertThat(stored(subscription.id()).erasure()).isEqualTo(ErasureStatus.PENDING);

            BillingRunReport recovered = runAt(now().plusSeconds(3600));
            assertThat(recovered.erasuresConfirmed()).isEqualTo(1);
            assertThat(stored(subscription.id()).erasure()).isEqualTo(ErasureStatus.CONFIRMED);
            assertThat(fixture.environments.erased()).containsExactly(subscription.environmentId());
            assertThat(fixture.events.eventsOf(SubscriptionDataErased.class)).hasSize(1);
        }

        @Test
        void anErasureInProgressIsAskedAgainAndConfirmedOnce() {
            Subscription subscription = subscribe(fixture.monthly.id());
            fixture.environments.erasureInProgress(true);
            subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);
            runAt(now().plusSeconds(60));
            assertThat(stored(subscription.id()).erasure()).isEqualTo(ErasureStatus.PENDING);

            fixture.environments.erasureInProgress(false);
            runAt(now().plusSeconds(60));
            runAt(now().plusSeconds(60));

            assertThat(stored(subscription.id()).erasure()).isEqualTo(ErasureStatus.CONFIRMED);
            assertThat(fixture.events.eventsOf(SubscriptionDataErased.class)).hasSize(1);
        }
    }

    @Nested
    class RemovingAScheduledCancellation {

        @Test
        void removingAScheduledCancellationContinuesTheServiceWithoutInterruption() {
            Subscription subscription = subscribe(fixture.contract.id());
            subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);

            RemoveCancellationResult result = subscriptions.removeScheduledCancellation(alice, subscription.id());

            assertThat(result).isEqualTo(new RemoveCancellationResult.Removed(subscription.id()));
            assertThat(stored(subscription.id()).scheduledCancellation()).isEmpty();
            assertThat(fixture.events.eventsOf(CancellationRevoked.class)).hasSize(1);

            runAt(subscription.contractEnd());
            Subscription after = stored(subscription.id());
            assertThat(after.state()).isEqualTo(SubscriptionState.ACTIVE);
            assertThat(after.contractEnd()).isEqualTo(Instant.parse("2028-01-15T10:00:00Z"));
            assertThat(fixture.environments.isLive(subscription.environmentId())).isTrue();
        }

        @Test
        void removingInATrialKeepsTheTrialAndConvertsAtItsEnd() {
            Subscription subscription = subscribe(fixture.trial.id());
            subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);
            subscriptions.removeScheduledCancellation(alice, subscription.id());

            runAt(subscription.trialEnd());

            assertThat(stored(subscription.id()).state()).isEqualTo(SubscriptionState.ACTIVE);
            assertThat(fixture.events.eventsOf(TrialEnded.class)).hasSize(1);
        }

        @Test
        void removingWhenNothingIsScheduledIsRefused() {
            Subscription subscription = subscribe(fixture.contract.id());

            assertThat(subscriptions.removeScheduledCancellation(alice, subscription.id()))
                    .isInstanceOfSatisfying(RemoveCancellationResult.Refused.class,
                            refused -> assertThat(refused.reason().code()).isEqualTo(RefusalCode.NOTHING_SCHEDULED));
        }

        @Test
        void removingOnceTheDateHasComeIsRefusedAndTheCancellationTakesEffectEvenBeforeTheRun() {
            Subscription subscription = subscribe(fixture.contract.id());
            subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);
            fixture.clock.set(subscription.contractEnd());

            assertThat(subscriptions.removeScheduledCancellation(alice, subscription.id()))
                    .isInstanceOfSatisfying(RemoveCancellationResult.Refused.class,
                            refused -> assertThat(refused.reason().code()).isEqualTo(RefusalCode.ALREADY_CANCELLED));
            assertThat(stored(subscription.id()).state()).isEqualTo(SubscriptionState.CANCELLED);
            assertThat(stored(subscription.id()).cancelledAt()).isEqualTo(subscription.contractEnd());
            assertThat(fixture.environments.isLive(subscription.environmentId())).isFalse();
        }

        @Test
        void cancellingAfterAnUnappliedRenewalSchedulesForTheRenewedTermsEnd() {
            Subscription subscription = subscribe(fixture.contract.id());
            fixture.clock.set(subscription.contractEnd().plus(Duration.ofDays(3)));

            CancelResult result = subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);

            assertThat(result).isEqualTo(new CancelResult.Scheduled(subscription.id(),
                    Instant.parse("2028-01-15T10:00:00Z"), false));
        }

        @Test
        void removingFromACancelledSubscriptionIsRefused() {
            Subscription subscription = subscribe(fixture.monthly.id());
            subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);

            assertThat(subscriptions.removeScheduledCancellation(alice, subscription.id()))
                    .isInstanceOfSatisfying(RemoveCancellationResult.Refused.class,
                            refused -> assertThat(refused.reason().code()).isEqualTo(RefusalCode.ALREADY_CANCELLED));
        }
    }

    @Nested
    class Reactivating {

        @Test
        void reactivatingCreatesANewSubscriptionWithANewEnvironmentLinkedToTheOldOne() {
            Subscription old = subscribe(fixture.trialWithContract.id());
            fixture.advance(Duration.ofDays(60));
            runAt(now());
            subscriptions.cancel(alice, old.id(), DataErasure.ACKNOWLEDGED);
            runAt(stored(old.id()).cancelAt());
            fixture.advance(Duration.ofDays(5));

            ReactivateResult result = subscriptions.reactivate(alice, old.id());

            assertThat(result).isInstanceOf(ReactivateResult.Reactivated.class);
            Subscription renewed = ((ReactivateResult.Reactivated) result).subscription();
            assertThat(renewed.id()).isNotEqualTo(old.id());
            assertThat(renewed.environmentId()).isNotEqualTo(old.environmentId());
            assertThat(fixture.environments.isLive(renewed.environmentId())).isTrue();
            assertThat(renewed.previousId()).isEqualTo(old.id());
            assertThat(renewed.planId()).isEqualTo(old.planId());
            assertThat(renewed.state()).isEqualTo(SubscriptionState.ACTIVE);
            assertThat(renewed.trialEnd()).isNull();
            assertThat(renewed.contractEnd()).isEqualTo(now().plus(Duration.ofDays(365)));
            Subscription history = stored(old.id());
            assertThat(history.state()).isEqualTo(SubscriptionState.CANCELLED);
            assertThat(history.successorId()).isEqualTo(renewed.id());
            assertThat(fixture.events.eventsOf(SubscriptionReactivated.class)).singleElement()
                    .satisfies(e -> assertThat(e.previousId()).isEqualTo(old.id()));
        }

        @Test
        void onlyACancelledSubscriptionCanBeReactivated() {
            Subscription live = subscribe(fixture.monthly.id());

            assertThat(subscriptions.reactivate(alice, live.id()))
                    .isInstanceOfSatisfying(ReactivateResult.Refused.class,
                            refused -> assertThat(refused.reason().code()).isEqualTo(RefusalCode.NOT_CANCELLED));
            assertThat(fixture.environments.provisionedCount()).isEqualTo(1);
        }

        @Test
        void aCancelledSubscriptionWithALiveSuccessorCannotBeReactivatedAgain() {
            Subscription old = subscribe(fixture.monthly.id());
            subscriptions.cancel(alice, old.id(), DataErasure.ACKNOWLEDGED);
            subscriptions.reactivate(alice, old.id());

            assertThat(subscriptions.reactivate(alice, old.id()))
                    .isInstanceOfSatisfying(ReactivateResult.Refused.class,
                            refused -> assertThat(refused.reason().code()).isEqualTo(RefusalCode.ALREADY_REACTIVATED));
            assertThat(fixture.environments.liveEnvironments()).hasSize(1);
        }

        @Test
        void aFailedProvisioningLeavesTheCancelledSubscriptionAsItWas() {
            Subscription old = subscribe(fixture.monthly.id());
            subscriptions.cancel(alice, old.id(), DataErasure.ACKNOWLEDGED);
            Subscription before = stored(old.id());
            fixture.environments.provisioningFails(true);

            assertThatThrownBy(() -> subscriptions.reactivate(alice, old.id())).isInstanceOf(PortException.class);
            assertThat(stored(old.id())).isEqualTo(before);
        }
    }

    @Nested
    class BillingRun {

        @Test
        void theTrialsEndMakesTheSubscriptionActive() {
            Subscription subscription = subscribe(fixture.trial.id());

            BillingRunReport report = runAt(subscription.trialEnd());

            assertThat(report.trialsEnded()).isEqualTo(1);
            assertThat(stored(subscription.id()).state()).isEqualTo(SubscriptionState.ACTIVE);
            assertThat(fixture.events.eventsOf(TrialEnded.class)).hasSize(1);
        }

        @Test
        void aContractRenewsForTheSameTermAtItsEndAndCatchesUpMissedTerms() {
            Subscription subscription = subscribe(fixture.contract.id());

            runAt(Instant.parse("2028-03-01T00:00:00Z"));

            assertThat(stored(subscription.id()).contractEnd()).isEqualTo(Instant.parse("2029-01-15T10:00:00Z"));
            assertThat(fixture.events.eventsOf(ContractRenewed.class)).map(ContractRenewed::contractEnd)
                    .containsExactly(Instant.parse("2028-01-15T10:00:00Z"), Instant.parse("2029-01-15T10:00:00Z"));
        }

        @Test
        void aSecondRunForTheSameTimeChangesNothing() {
            Subscription trial = subscribe(fixture.trial.id());
            Subscription contract = subscribe(fixture.contract.id());
            subscriptions.cancel(alice, contract.id(), DataErasure.ACKNOWLEDGED);
            Instant at = Instant.parse("2027-02-01T00:00:00Z");
            BillingRunReport first = runAt(at);
            List<BillingEvent> eventsAfterFirst = fixture.events.events();
            Subscription trialAfterFirst = stored(trial.id());

            BillingRunReport second = runAt(at);

            assertThat(first.subscriptionsExamined()).isEqualTo(2);
            assertThat(second).isEqualTo(new BillingRunReport(at, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            assertThat(fixture.events.events()).isEqualTo(eventsAfterFirst);
            assertThat(stored(trial.id())).isEqualTo(trialAfterFirst);
        }

        @Test
        void everyScheduledCancellationTakesEffectWithItsEvents() {
            Subscription subscription = subscribe(fixture.contract.id());
            subscriptions.cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);

            BillingRunReport report = runAt(subscription.contractEnd().plus(Duration.ofDays(3)));

            assertThat(report.cancellationsTakenEffect()).isEqualTo(1);
            assertThat(report.erasuresConfirmed()).isEqualTo(1);
            assertThat(fixture.events.eventsOf(CancellationScheduled.class)).hasSize(1);
            assertThat(fixture.events.eventsOf(SubscriptionCancelled.class)).singleElement()
                    .satisfies(e -> assertThat(e.effectiveAt()).isEqualTo(subscription.contractEnd()));
        }
    }
}
