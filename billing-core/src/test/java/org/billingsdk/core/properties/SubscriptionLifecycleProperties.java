package org.billingsdk.core.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.change.Change;
import org.billingsdk.core.change.ChangeResult;
import org.billingsdk.core.change.RevokeChangeResult;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.SubscriptionDataErased;
import org.billingsdk.core.event.TrialEnded;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.subscription.CancelResult;
import org.billingsdk.core.subscription.ChangeTiming;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.ReactivateResult;
import org.billingsdk.core.subscription.RemoveCancellationResult;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.subscription.SubscriptionView;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The subscription state machine under random sequences of operations: cancel (acknowledged or
 * not), remove a scheduled cancellation, reactivate, move the clock (with or without a billing
 * run), run the billing run, and let the payment provider decline (past due, dunning). Each
 * property plays such sequences on a fresh {@link BillingFixture} and checks its invariant after
 * every step; a failure names the shrunk scenario, the trace of what each step answered and the
 * stored subscriptions.
 *
 * <p>Moving the clock without a run models a scheduler that lags: the rules must not depend on
 * whether the billing run has caught up with the time an operation is made at. An operation
 * (cancel, remove a scheduled cancellation, reactivate) first applies to its subscription what time
 * has brought (a trial's end, renewals, the invoices of started periods, a due scheduled
 * cancellation with its erasure), exactly as the billing run's catch-up would, and only then
 * decides. So the model judges a request on the subscription <em>as the catch-up makes it</em>
 * ({@link CaughtUp}), and "changes nothing" means "changes nothing but that catch-up": checked
 * exactly against a snapshot taken after a reference {@code run(now)} when the subscription is up to
 * date, and otherwise by the subscription's fields, the other subscriptions, and the same request
 * again. {@link #anOperationAnswersTheSameWhetherOrNotTheBillingRunHasCaughtUp} compares the two
 * directly on twin fixtures.
 */
class SubscriptionLifecycleProperties {

    private static final int EXAMPLES = 100;
    private static final int SHRINK_CYCLES = 300;
    private static final int TARGETS = 8;
    private static final Set<String> MAY_CHANGE_WHEN_CANCELLED =
            Set.of("successorId", "erasure", "erasedAt", "version");

    /**
     * Every field stays as it was, except the link to the subscription that reactivated it (set by
     * each reactivation of it: a cancelled subscription whose successor was cancelled in turn may
     * be reactivated again) and the erasure's confirmation (pending to confirmed, once).
     */
    @Test
    void aCancelledSubscriptionNeverChangesAgain() {
        check(Invariant.CANCELLED_IS_FINAL, scenarios(false));
    }

    /**
     * Before its date it is removed (service continues, nothing else changes); on or after it the
     * request is refused (ALREADY_CANCELLED, the catch-up having applied it, or CANCELLATION_DUE) and
     * the subscription is cancelled at that date, not continued.
     */
    @Test
    void aScheduledCancellationCanBeRemovedBeforeItsDateAndNeverOnOrAfterIt() {
        check(Invariant.REMOVAL_BEFORE_DATE_ONLY, scenarios(false));
    }

    /**
     * While its date has not come, the same date again and no change at all; once it has come, the
     * catch-up applies it (cancelled at that date) and the request is refused as already cancelled.
     */
    @Test
    void cancellingAnAlreadyScheduledSubscriptionAnswersTheSameDateAndChangesNothing() {
        check(Invariant.RESCHEDULING_CHANGES_NOTHING, scenarios(false));
    }

    /** Refused; nothing changes but what time had brought to the subscription (never a scheduling). */
    @Test
    void anUnacknowledgedCancellationNeverChangesAnything() {
        check(Invariant.UNACKNOWLEDGED_CHANGES_NOTHING, scenarios(false));
    }

    /**
     * In a trial, at the trial's end; under a contract, at the end of the term running at the
     * time of the request, counting the renewals due by then even when the billing run has not
     * recorded them yet ("a contract renews for the same term at its end"); otherwise at once,
     * with {@code cancelAt == cancelledAt == now}. A subscription whose scheduled cancellation is
     * due is cancelled at that date by the request's catch-up and the request is refused. Only the
     * cancelled subscription changes.
     */
    @Test
    void cancellingTakesEffectAtTrialEndOrAtTheRunningTermsEndAndOtherwiseAtOnce() {
        check(Invariant.CANCELLATION_TIMING, scenarios(false));
    }

    /**
     * Only a subscription cancelled by now (also by a scheduled cancellation whose date has come, that
     * the run has not applied yet) is reactivated; anything else is refused and changes nothing.
     */
    @Test
    void reactivationStartsANewSubscriptionWithANewEnvironmentAndNoTrialLinkedToTheOldOne() {
        check(Invariant.REACTIVATION_STARTS_NEW, scenarios(false));
    }

    /**
     * Refused with ALREADY_REACTIVATED while any subscription of its family (linked to it by
     * reactivations, either way) is live (not cancelled by now: one whose scheduled cancellation
     * has come is not live, even before the run applies it), changing nothing but what time had
     * brought.
     */
    @Test
    void aCancelledSubscriptionWithALiveSuccessorCannotBeReactivatedAgain() {
        check(Invariant.NO_SECOND_LIVE_SUCCESSOR, scenarios(false));
    }

    /**
     * A subscription whose cancellation was scheduled in its trial (and not removed) stays trialing
     * until the trial's end and is cancelled then: it never converts, is never active, never invoiced.
     */
    @Test
    void aSubscriptionCancelledInItsTrialGoesFromTrialingToCancelledAndNeverBecomesActive() {
        check(Invariant.TRIAL_CANCELLATION_NEVER_ACTIVE, scenarios(false));
    }

    /**
     * After {@code run(now)} nothing is due at or before {@code now} (no scheduled cancellation, no
     * trial end, no contract end, no period to invoice), and a second {@code run(now)} changes no
     * stored subscription, emits no event, writes no audit record and reports nothing done.
     */
    @Test
    void afterARunNothingIsOverdueAndRunningAgainForTheSameInstantChangesNothing() {
        check(Invariant.RUN_IS_COMPLETE_AND_IDEMPOTENT, scenarios(false));
    }

    /**
     * A change of plan or quantity scheduled for a date is revoked while that date has not come
     * (the subscription stays on its plan and quantity, nothing scheduled any more); once it has
     * come, the request's catch-up has applied it (the new plan and quantity) and the request is
     * refused ({@code NO_CHANGE_SCHEDULED}, or {@code ALREADY_CANCELLED} for a cancelled one).
     */
    @Test
    void aScheduledChangeCanBeRevokedBeforeItsDateAndNeverAfter() {
        check(Invariant.CHANGE_REVOCABLE_BEFORE_DATE_ONLY, scenarios(false));
    }

    /**
     * A change (applied, scheduled or refused) never erases an environment but those of
     * subscriptions its catch-up cancelled, keeps the subscription's id and environment, and an
     * applied change leaves it live on the plan and quantity asked for.
     */
    @Test
    void aChangeNeverErasesAnythingAndKeepsTheSubscriptionAndItsEnvironment() {
        check(Invariant.CHANGE_NEVER_ERASES, scenarios(false));
    }

    /**
     * With a working environments port: no environment is erased twice, every cancelled
     * subscription's environment is erased (and announced once) by the end of the step that
     * cancelled it, and every other subscription keeps its environment.
     */
    @Test
    void everyCancelledSubscriptionIsErasedExactlyOnce() {
        check(Invariant.ERASED_EXACTLY_ONCE, scenarios(false));
    }

    /**
     * The environments port fails (throws, or answers in progress) for a while: a cancelled
     * subscription stays cancelled with its erasure pending, never announced before it is
     * confirmed; once the port recovers, one run erases every one of them, each announced once.
     */
    @Test
    void erasuresThatFailedAreRetriedUntilEveryCancelledSubscriptionIsErasedExactlyOnce() {
        check(Invariant.ERASURE_RETRIED_UNTIL_CONFIRMED, scenarios(true));
    }

    /**
     * Two fixtures built the same way (same plans, same operations, same clock): before each
     * cancel, removal or reactivation one lets the billing run catch up with now, the other does
     * not. Both answer the same and leave the subscription (and a reactivation's new one) with the
     * same states and dates; after the lagging one's run they hold the same subscriptions and
     * invoices again. Ids and versions are not compared.
     */
    @Test
    void anOperationAnswersTheSameWhetherOrNotTheBillingRunHasCaughtUp() {
        KNOWN.forEach(scenario -> new TwinWalk(scenario).play());
        qt().withExamples(EXAMPLES)
                .withShrinkCycles(SHRINK_CYCLES)
                .forAll(twinScenarios())
                .checkAssert(scenario -> new TwinWalk(scenario).play());
    }

    /**
     * Scenarios every property plays before its random ones, so that what they once found is
     * checked on every build, not only when the generator happens to find it again.
     */
    private static final List<Scenario> KNOWN = List.of(
            // a successor whose scheduled cancellation has come, without a run: is it still live?
            new Scenario(List.of(PlanKind.CONTRACT), List.of(
                    new Cancel(0, DataErasure.ACKNOWLEDGED, Lead.NONE),
                    new Reactivate(0, false, Lead.AT_DUE),
                    new Cancel(1, DataErasure.ACKNOWLEDGED, Lead.NONE),
                    new Reactivate(0, false, Lead.AT_DUE))),
            // cancellations scheduled at a trial's end that has come, without a run
            new Scenario(List.of(PlanKind.TRIAL, PlanKind.TRIAL, PlanKind.TRIAL, PlanKind.TRIAL_WITH_CONTRACT),
                    List.of(
                    new Cancel(0, DataErasure.ACKNOWLEDGED, Lead.NONE),
                    new Cancel(1, DataErasure.ACKNOWLEDGED, Lead.NONE),
                    new Cancel(2, DataErasure.ACKNOWLEDGED, Lead.NONE),
                    new Cancel(0, DataErasure.NOT_ACKNOWLEDGED, Lead.AT_DUE),
                    new Cancel(1, DataErasure.ACKNOWLEDGED, Lead.NONE),
                    new RemoveCancellation(2, false, Lead.NONE),
                    new Cancel(3, DataErasure.ACKNOWLEDGED, Lead.AFTER_DUE))),
            // a contract the run has not renewed yet; a removal a minute before the date, then on it
            new Scenario(List.of(PlanKind.CONTRACT, PlanKind.CONTRACT), List.of(
                    new Wait(Duration.ofDays(400)),
                    new Cancel(0, DataErasure.ACKNOWLEDGED, Lead.NONE),
                    new Cancel(1, DataErasure.ACKNOWLEDGED, Lead.NONE),
                    new RemoveCancellation(0, false, Lead.BEFORE_DUE),
                    new RemoveCancellation(1, false, Lead.AT_DUE),
                    new Reactivate(1, false, Lead.NONE))));

    private static void check(Invariant invariant, Gen<Scenario> scenarios) {
        KNOWN.forEach(scenario -> new Walk(scenario, invariant).play());
        qt().withExamples(EXAMPLES)
                .withShrinkCycles(SHRINK_CYCLES)
                .forAll(scenarios)
                .checkAssert(scenario -> new Walk(scenario, invariant).play());
    }

    // ----------------------------------------------------------------------------------------
    // The scenarios

    /** The fixture's plans a scenario's subscriptions start on. */
    enum PlanKind {
        MONTHLY(f -> f.monthly),
        YEARLY(f -> f.yearly),
        TRIAL(f -> f.trial),
        CONTRACT(f -> f.contract),
        TRIAL_WITH_CONTRACT(f -> f.trialWithContract);

        private final Function<BillingFixture, Plan> plan;

        PlanKind(Function<BillingFixture, Plan> plan) {
            this.plan = plan;
        }

        Plan of(BillingFixture fixture) {
            return plan.apply(fixture);
        }
    }

    /** One step of a scenario. Targets are indexes into the subscriptions known so far, modulo their number. */
    sealed interface Op {
    }

    /**
     * What happens just before a request, to its target: nothing; a reference billing run at now
     * (in the walks that check that request only, so that the others keep their lag: it shows the
     * request on a subscription the run has caught up with); or the clock moves, without a run, to
     * the target's scheduled cancellation or else its next due instant (a trial's end, a renewal, a
     * period to invoice; for a cancelled target, that of the live subscription down its chain of
     * successors), a minute before it, exactly to it, or a day after it. (The twin fixtures ignore
     * {@code CATCH_UP}: one of them always runs first.)
     */
    enum Lead {
        NONE("", null),
        CATCH_UP(", after a catch-up run", null),
        BEFORE_DUE(", a minute before it is due", Duration.ofMinutes(-1)),
        AT_DUE(", when it is due", Duration.ZERO),
        AFTER_DUE(", a day after it is due", Duration.ofDays(1));

        private final String label;
        private final Duration offset;

        Lead(String label, Duration offset) {
            this.label = label;
            this.offset = offset;
        }

        boolean movesTime() {
            return offset != null;
        }
    }

    record Cancel(int target, DataErasure erasure, Lead lead) implements Op {
        @Override
        public String toString() {
            return "cancel(#" + target + (erasure == DataErasure.ACKNOWLEDGED ? ", ack" : ", NOT ack") + lead.label
                    + ")";
        }
    }

    /** Removes a subscription's scheduled cancellation; picked among the scheduled ones when so asked and any are. */
    record RemoveCancellation(int target, boolean amongScheduled, Lead lead) implements Op {
        @Override
        public String toString() {
            return "removeCancellation(" + (amongScheduled ? "scheduled #" : "#") + target + lead.label + ")";
        }
    }

    /** Reactivates a subscription, picked among the cancelled ones when so asked and any are. */
    record Reactivate(int target, boolean amongCancelled, Lead lead) implements Op {
        @Override
        public String toString() {
            return "reactivate(" + (amongCancelled ? "cancelled #" : "#") + target + lead.label + ")";
        }
    }

    /** Moves the clock forward, then runs the billing run at the new time. */
    record AdvanceAndRun(Duration by) implements Op {
        @Override
        public String toString() {
            return "advance(" + human(by) + ")+run";
        }
    }

    /** Runs the billing run without moving the clock. */
    record Run() implements Op {
        @Override
        public String toString() {
            return "run";
        }
    }

    /** Moves the clock forward without a run: the billing run lags behind. */
    record Wait(Duration by) implements Op {
        @Override
        public String toString() {
            return "wait(" + human(by) + ")";
        }
    }

    /**
     * Moves the clock to a subscription's next due instant plus an offset (when that is ahead),
     * to hit the boundaries exactly; optionally runs the billing run there.
     */
    record WaitUntilDue(int target, int offsetMinutes, boolean thenRun) implements Op {
        @Override
        public String toString() {
            return "waitUntilDue(#" + target + (offsetMinutes >= 0 ? "+" : "") + offsetMinutes + "min"
                    + (thenRun ? ")+run" : ")");
        }
    }

    /**
     * Makes the payment provider decline every charge from now on (or take the money again): the
     * subscriptions go past due, and the dunning may cancel them.
     */
    record PaymentsDecline(boolean decline) implements Op {
        @Override
        public String toString() {
            return decline ? "paymentsDecline" : "paymentsSucceed";
        }
    }

    /**
     * Changes a subscription's plan or quantity: {@code choice} picks a quantity (1 to 4) or its
     * plan's sibling (a plan of the same interval and contract term: monthly and trial, contract
     * and trial-with-contract), {@code timing} the rules' default or one of the three timings.
     */
    record ChangeTo(int target, int choice, int timing, Lead lead) implements Op {
        @Override
        public String toString() {
            return "change(#" + target + ", " + (choice < 4 ? "quantity " + (choice + 1) : "sibling plan"
                    + (choice == 5 ? " x2" : "")) + ", " + (timing == 0 ? "default" : ChangeTiming.values()[timing - 1])
                    + lead.label + ")";
        }
    }

    /** Revokes a subscription's scheduled change; picked among those with one when so asked and any are. */
    record RevokeChange(int target, boolean amongScheduled, Lead lead) implements Op {
        @Override
        public String toString() {
            return "revokeChange(" + (amongScheduled ? "scheduled #" : "#") + target + lead.label + ")";
        }
    }

    /** Makes the environments port fail its next erasures (the faulty-port scenarios only). */
    record FailErasures(int count) implements Op {
        @Override
        public String toString() {
            return "failNextErasures(" + count + ")";
        }
    }

    /** Makes the environments port answer IN_PROGRESS to erasures, or erase again (faulty-port scenarios only). */
    record ErasureInProgress(boolean inProgress) implements Op {
        @Override
        public String toString() {
            return "erasureInProgress(" + inProgress + ")";
        }
    }

    record Scenario(List<PlanKind> plans, List<Op> ops) {
        @Override
        public String toString() {
            return "subscriptions on " + plans + ", then " + ops;
        }
    }

    private static Gen<Scenario> scenarios(boolean faultyErasures) {
        Gen<List<PlanKind>> plans = lists().of(Generate.enumValues(PlanKind.class)).ofSizeBetween(1, 4);
        Gen<List<Op>> ops = lists().of(operations(faultyErasures, true, 1)).ofSizeBetween(1, 40);
        return plans.zip(ops, Scenario::new);
    }

    /**
     * For the twin fixtures: the payments always succeed and the environments port works, so that a
     * billing run does nothing to a subscription beyond what the catch-up does (its other work,
     * collecting payments and retrying erasures, is not part of the catch-up); the run lags more often.
     */
    private static Gen<Scenario> twinScenarios() {
        Gen<List<PlanKind>> plans = lists().of(Generate.enumValues(PlanKind.class)).ofSizeBetween(1, 4);
        Gen<List<Op>> ops = lists().of(operations(false, false, 2)).ofSizeBetween(1, 40);
        return plans.zip(ops, Scenario::new);
    }

    private static Gen<Op> operations(boolean faultyErasures, boolean declines, int waitWeight) {
        Gen<Integer> target = integers().between(0, TARGETS - 1);
        Gen<Boolean> coin = booleans().all();
        Gen<Lead> lead = Generate.frequency(Pair.of(4, Generate.constant(Lead.NONE)),
                Pair.of(3, Generate.constant(Lead.CATCH_UP)), Pair.of(1, Generate.constant(Lead.BEFORE_DUE)),
                Pair.of(2, Generate.constant(Lead.AT_DUE)), Pair.of(1, Generate.constant(Lead.AFTER_DUE)));
        List<Pair<Integer, Gen<Op>>> choices = new ArrayList<>(List.of(
                Pair.of(5, target.zip(lead, (t, l) -> (Op) new Cancel(t, DataErasure.ACKNOWLEDGED, l))),
                Pair.of(1, target.zip(lead, (t, l) -> (Op) new Cancel(t, DataErasure.NOT_ACKNOWLEDGED, l))),
                Pair.of(3, target.zip(coin, lead, (t, scheduled, l) -> (Op) new RemoveCancellation(t, scheduled, l))),
                Pair.of(3, target.zip(coin, lead, (t, cancelled, l) -> (Op) new Reactivate(t, cancelled, l))),
                Pair.of(4, target.zip(integers().between(0, 5), integers().between(0, 3), lead,
                        (t, choice, timing, l) -> (Op) new ChangeTo(t, choice, timing, l))),
                Pair.of(2, target.zip(coin, lead, (t, scheduled, l) -> (Op) new RevokeChange(t, scheduled, l))),
                Pair.of(4, durations().map(d -> (Op) new AdvanceAndRun(d))),
                Pair.of(1, Generate.constant((Op) new Run())),
                Pair.of(waitWeight, durations().map(d -> (Op) new Wait(d))),
                Pair.of(2, target.zip(Generate.pick(List.of(-60, -1, 0, 0, 1, 60)), coin,
                        (t, offset, run) -> (Op) new WaitUntilDue(t, offset, run)))));
        if (declines) {
            choices.add(Pair.of(1, coin.map(decline -> (Op) new PaymentsDecline(decline))));
        }
        if (faultyErasures) {
            choices.add(Pair.of(2, integers().between(1, 6).map(n -> (Op) new FailErasures(n))));
            choices.add(Pair.of(1, coin.map(on -> (Op) new ErasureInProgress(on))));
        }
        return Generate.frequency(choices);
    }

    /** From an hour to 400 days, short steps more often than long ones. */
    private static Gen<Duration> durations() {
        return Generate.frequency(
                Pair.of(2, integers().between(1, 72).map(h -> Duration.ofHours(h))),
                Pair.of(3, integers().between(1, 400).zip(integers().between(0, 23),
                        (d, h) -> Duration.ofDays(d).plusHours(h))));
    }

    private static String human(Duration duration) {
        long days = duration.toDays();
        long hours = duration.minusDays(days).toHours();
        return (days > 0 ? days + "d" : "") + (hours > 0 || days == 0 ? hours + "h" : "");
    }

    // ----------------------------------------------------------------------------------------
    // Playing a scenario

    enum Invariant {
        CANCELLED_IS_FINAL,
        REMOVAL_BEFORE_DATE_ONLY,
        RESCHEDULING_CHANGES_NOTHING,
        UNACKNOWLEDGED_CHANGES_NOTHING,
        CANCELLATION_TIMING,
        REACTIVATION_STARTS_NEW,
        NO_SECOND_LIVE_SUCCESSOR,
        TRIAL_CANCELLATION_NEVER_ACTIVE,
        RUN_IS_COMPLETE_AND_IDEMPOTENT,
        CHANGE_REVOCABLE_BEFORE_DATE_ONLY,
        CHANGE_NEVER_ERASES,
        ERASED_EXACTLY_ONCE,
        ERASURE_RETRIED_UNTIL_CONFIRMED
    }

    /** What a step may not change, to compare before and after. */
    record Snapshot(Map<SubscriptionId, Subscription> subscriptions, int eventsDelivered, int undelivered,
            int auditRecords, int provisioned, List<EnvironmentId> erased, Set<EnvironmentId> live) {
    }

    /**
     * What the time-driven catch-up (the billing run's, which every operation now applies to its
     * subscription first) makes of a subscription at {@code now}, in the fields the rules speak of:
     * a scheduled cancellation whose date has come has taken effect at that date (cancelAt ==
     * cancelledAt, from whatever state, a trial included); otherwise a trial whose end has come is
     * over (active), and a contract whose term has ended has renewed for the same term, term after
     * term, unless its cancellation is scheduled for that end. Payment outcomes (past due) are not
     * time-driven: the state is otherwise kept.
     */
    record CaughtUp(SubscriptionState state, Instant contractEnd, Instant cancelAt, Instant cancelledAt) {
        boolean cancelled() {
            return state == SubscriptionState.CANCELLED;
        }
    }

    static CaughtUp caughtUp(Subscription s, Plan plan, Instant now) {
        if (s.isCancelled()) {
            return new CaughtUp(s.state(), s.contractEnd(), s.cancelAt(), s.cancelledAt());
        }
        Instant cancelAt = s.cancelAt();
        Instant contractEnd = s.contractEnd();
        if (contractEnd != null) {
            ZonedDateTime anchor = ZonedDateTime.ofInstant(s.billingAnchor(), ZoneOffset.UTC);
            long k = 1;
            while (!contractEnd.isAfter(now) && (cancelAt == null || contractEnd.isBefore(cancelAt))) {
                Instant ended = contractEnd;
                while (!contractEnd.isAfter(ended)) {
                    contractEnd = anchor.plusMonths(k++ * plan.contractMonths()).toInstant();
                }
            }
        }
        if (cancelAt != null && !cancelAt.isAfter(now)) {
            return new CaughtUp(SubscriptionState.CANCELLED, contractEnd, cancelAt, cancelAt);
        }
        boolean trialOver = s.state() == SubscriptionState.TRIALING && s.trialEnd() != null
                && !s.trialEnd().isAfter(now);
        return new CaughtUp(trialOver ? SubscriptionState.ACTIVE : s.state(), contractEnd, cancelAt, null);
    }

    /**
     * The change {@code op} asks of {@code s}: a quantity, or its plan's sibling (same interval and
     * contract term, so that the catch-up's model above holds across it), at the timing it names.
     */
    static Change changeOf(BillingFixture f, Subscription s, ChangeTo op) {
        ChangeTiming timing = op.timing() == 0 ? null : ChangeTiming.values()[op.timing() - 1];
        if (op.choice() < 4) {
            return Change.toQuantity(op.choice() + 1).at(timing);
        }
        PlanId plan = s.planId();
        PlanId sibling = plan.equals(f.monthly.id()) ? f.trial.id() : plan.equals(f.trial.id()) ? f.monthly.id()
                : plan.equals(f.contract.id()) ? f.trialWithContract.id()
                : plan.equals(f.trialWithContract.id()) ? f.contract.id() : plan;
        return (op.choice() == 5 ? Change.to(sibling, 2) : Change.toPlan(sibling)).at(timing);
    }

    /** Whether nothing of the subscription is due at {@code now}: the catch-up would do nothing to it. */
    static boolean upToDate(Subscription s, Instant now) {
        return s.nextDueAt().filter(at -> !at.isAfter(now)).isEmpty();
    }

    /**
     * The instant a request's target is led to: its scheduled cancellation's date when one is
     * scheduled, else its next due instant; for a cancelled target, that of the first live
     * subscription down its chain of successors.
     */
    static Optional<Instant> dueOf(SubscriptionId id, Function<SubscriptionId, Subscription> stored) {
        Set<SubscriptionId> seen = new HashSet<>();
        Subscription s = stored.apply(id);
        while (s.isCancelled() && s.successorId() != null && seen.add(s.successorId())) {
            s = stored.apply(s.successorId());
        }
        return s.scheduledCancellation().or(s::nextDueAt);
    }

    /** Moves the clock (forward only, without a run) to {@code due} plus the lead's offset. */
    static String moveToDue(BillingFixture f, Lead lead, Optional<Instant> due) {
        if (due.isEmpty()) {
            return "nothing due; ";
        }
        Instant at = due.get().plus(lead.offset);
        if (at.isAfter(f.clock.instant())) {
            f.clock.set(at);
        }
        return "now " + f.clock.instant() + "; ";
    }

    /** One scenario played on a fresh fixture, checking one invariant after every step. */
    private static final class Walk {

        private final Scenario scenario;
        private final Set<Invariant> checked;
        private final BillingFixture f = BillingFixture.inMemory();
        private final Company company;
        private final Actor actor;
        private final List<SubscriptionId> subscriptions = new ArrayList<>();
        private final Set<EnvironmentId> environmentsSeen = new HashSet<>();
        /** Each cancelled subscription as it was after the previous step. */
        private final Map<SubscriptionId, Subscription> cancelled = new LinkedHashMap<>();
        /** The successor each subscription was last reactivated as. */
        private final Map<SubscriptionId, SubscriptionId> successors = new HashMap<>();
        /** Subscriptions whose cancellation was scheduled during their trial and not removed. */
        private final Set<SubscriptionId> cancelledInTrial = new HashSet<>();
        private final StringBuilder trace = new StringBuilder();
        private SubscriptionId reactivatedThisStep;

        Walk(Scenario scenario, Invariant invariant) {
            this.scenario = scenario;
            this.checked = EnumSet.of(invariant);
            this.company = f.root("Acme");
            this.actor = BillingFixture.actor(company);
        }

        void play() {
            for (PlanKind kind : scenario.plans()) {
                Subscription s = f.billing.subscriptions().subscribe(actor, company.id(), kind.of(f).id());
                subscriptions.add(s.id());
                assertThat(environmentsSeen.add(s.environmentId())).as("a new subscription has a new environment")
                        .isTrue();
                trace.append("  subscribe ").append(kind).append(" -> #").append(subscriptions.size() - 1)
                        .append(' ').append(brief(s)).append('\n');
            }
            int step = 0;
            for (Op op : scenario.ops()) {
                step++;
                trace.append(String.format("  %2d %s @%s", step, op, f.clock.instant()));
                try {
                    reactivatedThisStep = null;
                    String outcome = apply(op);
                    trace.append(" -> ").append(outcome).append('\n');
                    afterEveryStep();
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(checked + " violated at step " + step + " (" + op + ") of\n"
                            + scenario + "\ntrace:\n" + trace + "state:\n" + state(), e);
                }
            }
            try {
                atTheEnd();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(checked + " violated at the end of\n" + scenario + "\ntrace:\n" + trace
                        + "state:\n" + state(), e);
            }
        }

        private String apply(Op op) {
            if (op instanceof Cancel c) {
                SubscriptionId id = target(c.target());
                String first = lead(c.lead(), id, c.erasure() == DataErasure.ACKNOWLEDGED
                        ? checks(Invariant.RESCHEDULING_CHANGES_NOTHING) || checks(Invariant.CANCELLATION_TIMING)
                        : checks(Invariant.UNACKNOWLEDGED_CHANGES_NOTHING));
                return first + cancel(id, c.erasure());
            } else if (op instanceof RemoveCancellation r) {
                SubscriptionId id = r.amongScheduled()
                        ? target(r.target(), s -> s.scheduledCancellation().isPresent())
                        : target(r.target());
                return lead(r.lead(), id, checks(Invariant.REMOVAL_BEFORE_DATE_ONLY)) + remove(id);
            } else if (op instanceof Reactivate r) {
                SubscriptionId id = r.amongCancelled() ? target(r.target(), Subscription::isCancelled)
                        : target(r.target());
                return lead(r.lead(), id, checks(Invariant.REACTIVATION_STARTS_NEW)
                        || checks(Invariant.NO_SECOND_LIVE_SUCCESSOR)) + reactivate(id);
            } else if (op instanceof ChangeTo c) {
                SubscriptionId id = target(c.target());
                return lead(c.lead(), id, checks(Invariant.CHANGE_NEVER_ERASES)) + change(id, c);
            } else if (op instanceof RevokeChange r) {
                SubscriptionId id = r.amongScheduled() ? target(r.target(), s -> s.scheduledChange() != null)
                        : target(r.target());
                return lead(r.lead(), id, checks(Invariant.CHANGE_REVOCABLE_BEFORE_DATE_ONLY)) + revokeChange(id);
            } else if (op instanceof AdvanceAndRun a) {
                f.clock.advance(a.by());
                return run();
            } else if (op instanceof Run) {
                return run();
            } else if (op instanceof Wait w) {
                f.clock.advance(w.by());
                return "now " + f.clock.instant();
            } else if (op instanceof WaitUntilDue w) {
                Optional<Instant> due = stored(target(w.target())).nextDueAt();
                if (due.isEmpty()) {
                    return "nothing due";
                }
                Instant at = due.get().plus(Duration.ofMinutes(w.offsetMinutes()));
                if (at.isAfter(f.clock.instant())) {
                    f.clock.set(at);
                }
                return "now " + f.clock.instant() + (w.thenRun() ? ", " + run() : "");
            } else if (op instanceof PaymentsDecline payments) {
                f.payments.chargesByDefault(payments.decline() ? SimulatedPaymentProvider.Behaviour.DECLINE
                        : SimulatedPaymentProvider.Behaviour.SUCCEED);
                return "ok";
            } else if (op instanceof FailErasures fail) {
                f.environments.failNextErasures(fail.count());
                return "ok";
            } else if (op instanceof ErasureInProgress inProgress) {
                f.environments.erasureInProgress(inProgress.inProgress());
                return "ok";
            }
            throw new IllegalArgumentException("unknown operation " + op);
        }

        private SubscriptionId target(int index) {
            return subscriptions.get(index % subscriptions.size());
        }

        /** The {@code index}-th (modulo their number) subscription that {@code matches}, or any when none does. */
        private SubscriptionId target(int index, Predicate<Subscription> matches) {
            List<SubscriptionId> candidates = subscriptions.stream().filter(id -> matches.test(stored(id))).toList();
            return candidates.isEmpty() ? target(index) : candidates.get(index % candidates.size());
        }

        /**
         * What happens before a request to {@code id}: the reference catch-up run ("what time alone
         * brings") when the walk checks the request ({@code checked}), or the clock moving to the
         * target's scheduled cancellation or next due instant (see {@link Lead}).
         */
        private String lead(Lead lead, SubscriptionId id, boolean checked) {
            if (lead == Lead.CATCH_UP) {
                return checked ? "catch-up " + run() + "; " : "";
            }
            return lead.movesTime() ? moveToDue(f, lead, dueOf(id, this::stored)) : "";
        }

        // ---- cancel

        private String cancel(SubscriptionId id, DataErasure erasure) {
            Subscription before = stored(id);
            Instant now = f.clock.instant();
            Plan plan = plan(before);
            CaughtUp expected = caughtUp(before, plan, now);
            boolean upToDate = upToDate(before, now);
            Snapshot snapshotBefore = checks(Invariant.UNACKNOWLEDGED_CHANGES_NOTHING)
                    || checks(Invariant.RESCHEDULING_CHANGES_NOTHING) || checks(Invariant.CANCELLATION_TIMING)
                    ? snapshot() : null;
            CancelResult result = f.billing.subscriptions().cancel(actor, id, erasure);
            Subscription after = stored(id);
            Supplier<Object> again = () -> f.billing.subscriptions().cancel(actor, id, erasure);

            if (erasure == DataErasure.NOT_ACKNOWLEDGED && checks(Invariant.UNACKNOWLEDGED_CHANGES_NOTHING)) {
                assertRefused(result, expected.cancelled() ? RefusalCode.ALREADY_CANCELLED
                        : RefusalCode.ERASURE_NOT_ACKNOWLEDGED, "an unacknowledged cancellation is refused");
                assertChangesNothingButTheCatchUp("an unacknowledged cancellation", before, expected, upToDate,
                        snapshotBefore, now, Set.of(id), again, describe(result));
            }
            if (erasure == DataErasure.ACKNOWLEDGED && !before.isCancelled() && before.cancelAt() != null
                    && checks(Invariant.RESCHEDULING_CHANGES_NOTHING)) {
                if (expected.cancelled()) {
                    assertRefused(result, RefusalCode.ALREADY_CANCELLED,
                            "cancelling a subscription whose scheduled cancellation is due: it took effect");
                } else {
                    assertThat(result).as("cancelling a scheduled subscription answers its date again")
                            .isEqualTo(new CancelResult.Scheduled(id, before.cancelAt(), true));
                    if (upToDate) {
                        assertThat(after.version()).as("version").isEqualTo(before.version());
                    }
                }
                assertChangesNothingButTheCatchUp("cancelling a scheduled subscription", before, expected, upToDate,
                        snapshotBefore, now, Set.of(id), again, describe(result));
            }
            if (erasure == DataErasure.ACKNOWLEDGED && checks(Invariant.CANCELLATION_TIMING)) {
                checkTiming(before, after, plan, now, expected, upToDate, result, snapshotBefore, again);
            }
            if (erasure == DataErasure.ACKNOWLEDGED && result instanceof CancelResult.Scheduled scheduled
                    && !scheduled.alreadyScheduled() && before.state() == SubscriptionState.TRIALING
                    && before.trialEnd() != null && before.trialEnd().isAfter(now)) {
                cancelledInTrial.add(id);
            }
            return describe(result) + " " + brief(after);
        }

        /**
         * The domain's timing: in a trial, at its end; under a contract term (counting the renewals
         * that the billing run has not recorded yet), at that term's end; otherwise at once. A
         * subscription cancelled by now (also by its scheduled cancellation's date having come) is
         * refused. Only the cancelled subscription changes.
         */
        private void checkTiming(Subscription before, Subscription after, Plan plan, Instant now, CaughtUp expected,
                boolean upToDate, CancelResult result, Snapshot snapshotBefore, Supplier<Object> again) {
            SubscriptionId id = before.id();
            if (expected.cancelled()) {
                assertRefused(result, RefusalCode.ALREADY_CANCELLED,
                        "cancelling a cancelled subscription (or one whose cancellation is due) is refused");
                assertChangesNothingButTheCatchUp("a refused cancellation", before, expected, upToDate, snapshotBefore,
                        now, Set.of(id), again, describe(result));
                return;
            }
            if (before.cancelAt() != null) {
                return; // RESCHEDULING_CHANGES_NOTHING
            }
            Optional<Instant> expectedDate = expectedEffectiveDate(before, plan, now);
            if (expectedDate.isPresent()) {
                assertThat(result).as("the cancellation is scheduled for the end of the trial or term")
                        .isEqualTo(new CancelResult.Scheduled(id, expectedDate.get(), false, droppable(before, now)));
                assertThat(after.state()).as("a scheduled cancellation keeps the state (as time has made it)")
                        .isEqualTo(expected.state());
                assertThat(after.cancelAt()).isEqualTo(expectedDate.get());
                assertThat(after.scheduledCancellation()).contains(expectedDate.get());
                assertThat(after.cancelledAt()).isNull();
                assertThat(after.contractEnd()).as("the term running now").isEqualTo(expected.contractEnd());
                if (!before.inTrialAt(now)) {
                    assertThat(after.contractEnd()).as("scheduled for the running term's end")
                            .isEqualTo(expectedDate.get());
                }
                assertThat(after.nextDueAt().filter(at -> !at.isAfter(now))).as("nothing of it is overdue")
                        .isEmpty();
            } else {
                assertThat(result).as("without a trial or a running term the cancellation takes effect at once")
                        .isInstanceOf(CancelResult.Cancelled.class);
                assertThat(((CancelResult.Cancelled) result).effectiveAt()).isEqualTo(now);
                assertThat(((CancelResult.Cancelled) result).droppedChange()).as("the change it dropped")
                        .isEqualTo(droppable(before, now));
                assertThat(after.state()).isEqualTo(SubscriptionState.CANCELLED);
                assertThat(after.cancelledAt()).as("cancelled at the time it took effect").isEqualTo(now);
                assertThat(after.cancelAt()).as("cancelAt is the time it took effect").isEqualTo(now);
            }
            assertThat(after.scheduledChange()).as("a cancellation drops the scheduled change").isNull();
            assertOnlyChanged(snapshotBefore, snapshot(), Set.of(id), "a cancellation");
        }

        /** The scheduled change a cancellation at {@code now} drops: one whose date has not come yet. */
        private static ScheduledChange droppable(Subscription before, Instant now) {
            ScheduledChange change = before.scheduledChange();
            return change != null && change.effectiveOn().isAfter(now) ? change : null;
        }

        private static Optional<Instant> expectedEffectiveDate(Subscription s, Plan plan, Instant now) {
            if (s.state() == SubscriptionState.TRIALING && s.trialEnd() != null && s.trialEnd().isAfter(now)) {
                return Optional.of(s.trialEnd());
            }
            if (!plan.hasContract()) {
                return Optional.empty();
            }
            ZonedDateTime anchor = ZonedDateTime.ofInstant(s.billingAnchor(), ZoneOffset.UTC);
            Instant end = s.contractEnd();
            for (long k = 1; !end.isAfter(now); k++) {
                end = anchor.plusMonths(k * plan.contractMonths()).toInstant();
            }
            return Optional.of(end);
        }

        // ---- remove a scheduled cancellation

        private String remove(SubscriptionId id) {
            Subscription before = stored(id);
            Instant now = f.clock.instant();
            CaughtUp expected = caughtUp(before, plan(before), now);
            boolean upToDate = upToDate(before, now);
            Snapshot snapshotBefore = checks(Invariant.REMOVAL_BEFORE_DATE_ONLY) ? snapshot() : null;
            RemoveCancellationResult result = f.billing.subscriptions().removeScheduledCancellation(actor, id);
            Subscription after = stored(id);
            Supplier<Object> again = () -> f.billing.subscriptions().removeScheduledCancellation(actor, id);
            if (checks(Invariant.REMOVAL_BEFORE_DATE_ONLY)) {
                if (before.isCancelled()) {
                    assertRemovalRefused(result, Set.of(RefusalCode.ALREADY_CANCELLED));
                    assertChangesNothingButTheCatchUp("a refused removal", before, expected, upToDate, snapshotBefore,
                            now, Set.of(id), again, describe(result));
                } else if (before.cancelAt() == null) {
                    assertRemovalRefused(result, Set.of(RefusalCode.NOTHING_SCHEDULED));
                    assertChangesNothingButTheCatchUp("a refused removal", before, expected, upToDate, snapshotBefore,
                            now, Set.of(id), again, describe(result));
                } else if (before.cancelAt().isAfter(now)) {
                    assertThat(result).as("a cancellation scheduled after now can be removed")
                            .isEqualTo(new RemoveCancellationResult.Removed(id));
                    assertThat(after.cancelAt()).isNull();
                    assertThat(after.scheduledCancellation()).isEmpty();
                    assertThat(after.state()).as("service continues without interruption").isEqualTo(expected.state());
                    assertThat(after.contractEnd()).isEqualTo(expected.contractEnd());
                    assertThat(after.trialEnd()).isEqualTo(before.trialEnd());
                    assertThat(after.environmentId()).isEqualTo(before.environmentId());
                    assertThat(f.environments.isLive(after.environmentId())).isTrue();
                    assertThat(after.nextDueAt().filter(at -> !at.isAfter(now))).as("nothing of it is overdue")
                            .isEmpty();
                    if (upToDate) {
                        assertThat(fields(after, Set.of("cancelAt", "version")))
                                .as("an up-to-date subscription changes only its scheduled cancellation")
                                .isEqualTo(fields(before, Set.of("cancelAt", "version")));
                    }
                    assertOnlyChanged(snapshotBefore, snapshot(), Set.of(id), "a removal");
                } else {
                    // on or after its date: the catch-up applied it (or the request says it is due); never removed
                    assertRemovalRefused(result, Set.of(RefusalCode.ALREADY_CANCELLED, RefusalCode.CANCELLATION_DUE));
                    assertChangesNothingButTheCatchUp("a refused removal", before, expected, upToDate, snapshotBefore,
                            now, Set.of(id), again, "Refused(" + RefusalCode.ALREADY_CANCELLED + ")");
                }
            }
            if (result instanceof RemoveCancellationResult.Removed) {
                cancelledInTrial.remove(id);
            }
            return describe(result) + " " + brief(after);
        }

        private void assertRemovalRefused(RemoveCancellationResult result, Set<RefusalCode> codes) {
            assertThat(result).as("removal refused").isInstanceOf(RemoveCancellationResult.Refused.class);
            assertThat(((RemoveCancellationResult.Refused) result).reason().code()).isIn(codes);
        }

        // ---- reactivate

        private String reactivate(SubscriptionId id) {
            Subscription before = stored(id);
            Instant now = f.clock.instant();
            Plan plan = plan(before);
            CaughtUp expected = caughtUp(before, plan, now);
            List<Subscription> chain = familyOf(before);
            boolean upToDate = upToDate(before, now) && chain.stream().allMatch(s -> upToDate(s, now));
            boolean successorLive = chain.stream().anyMatch(s -> !caughtUp(s, plan(s), now).cancelled());
            Set<SubscriptionId> mayCatchUp = new HashSet<>(Set.of(id));
            chain.forEach(s -> mayCatchUp.add(s.id()));
            Snapshot snapshotBefore = checks(Invariant.REACTIVATION_STARTS_NEW)
                    || checks(Invariant.NO_SECOND_LIVE_SUCCESSOR) ? snapshot() : null;
            ReactivateResult result = f.billing.subscriptions().reactivate(actor, id);
            Subscription after = stored(id);
            Supplier<Object> again = () -> f.billing.subscriptions().reactivate(actor, id);

            if (expected.cancelled() && successorLive && checks(Invariant.NO_SECOND_LIVE_SUCCESSOR)) {
                assertThat(result).as("a subscription whose family has a live member is not reactivated again")
                        .isInstanceOf(ReactivateResult.Refused.class);
                assertThat(((ReactivateResult.Refused) result).reason().code())
                        .isEqualTo(RefusalCode.ALREADY_REACTIVATED);
                assertChangesNothingButTheCatchUp("a refused reactivation", before, expected, upToDate, snapshotBefore,
                        now, mayCatchUp, again, describe(result));
            }
            if (checks(Invariant.REACTIVATION_STARTS_NEW)) {
                if (!expected.cancelled()) {
                    assertThat(result).as("only a cancelled subscription is reactivated")
                            .isInstanceOf(ReactivateResult.Refused.class);
                    assertThat(((ReactivateResult.Refused) result).reason().code())
                            .isEqualTo(RefusalCode.NOT_CANCELLED);
                    assertChangesNothingButTheCatchUp("a refused reactivation", before, expected, upToDate,
                            snapshotBefore, now, mayCatchUp, again, describe(result));
                } else if (!successorLive) {
                    assertThat(result).as("a subscription cancelled by now, without a live successor, is reactivated")
                            .isInstanceOf(ReactivateResult.Reactivated.class);
                    Subscription started = ((ReactivateResult.Reactivated) result).subscription();
                    assertThat(started).as("the answer is what is stored").isEqualTo(stored(started.id()));
                    assertThat(subscriptions).as("a new id").doesNotContain(started.id());
                    assertThat(environmentsSeen).as("an environment never seen before")
                            .doesNotContain(started.environmentId());
                    assertThat(f.environments.isLive(started.environmentId())).isTrue();
                    assertThat(started.previousId()).as("linked back").isEqualTo(id);
                    assertThat(started.companyId()).isEqualTo(before.companyId());
                    assertThat(started.planId()).as("same plan").isEqualTo(before.planId());
                    assertThat(started.state()).as("no trial (past due when its first charge was declined)")
                            .isIn(SubscriptionState.ACTIVE, SubscriptionState.PAST_DUE);
                    assertThat(started.trialEnd()).as("no trial").isNull();
                    assertThat(started.startedAt()).isEqualTo(now);
                    assertThat(started.cancelAt()).isNull();
                    assertThat(started.successorId()).isNull();
                    assertThat(started.contractEnd()).as("a new term starting now").isEqualTo(plan.hasContract()
                            ? ZonedDateTime.ofInstant(now, ZoneOffset.UTC).plusMonths(plan.contractMonths()).toInstant()
                            : null);
                    assertThat(after.state()).as("the old one stays cancelled").isEqualTo(SubscriptionState.CANCELLED);
                    assertThat(after.cancelledAt()).as("cancelled when it took effect")
                            .isEqualTo(expected.cancelledAt());
                    assertThat(after.cancelAt()).isEqualTo(expected.cancelAt());
                    assertThat(after.successorId()).as("the old one links to the new one").isEqualTo(started.id());
                    Set<SubscriptionId> changed = new HashSet<>(mayCatchUp);
                    changed.add(started.id());
                    assertOnlyChanged(snapshotBefore, snapshot(), changed, "a reactivation", started.environmentId());
                }
            }
            if (result instanceof ReactivateResult.Reactivated reactivated) {
                Subscription started = reactivated.subscription();
                subscriptions.add(started.id());
                environmentsSeen.add(started.environmentId());
                successors.put(id, started.id());
                reactivatedThisStep = id;
                return "reactivated as #" + (subscriptions.size() - 1) + " " + brief(started);
            }
            return describe(result);
        }

        /**
         * The other subscriptions of {@code s}'s family, as stored: those linked to it by
         * reactivations, in both directions (previous and successor links).
         */
        private List<Subscription> familyOf(Subscription s) {
            List<Subscription> family = new ArrayList<>();
            Set<SubscriptionId> seen = new HashSet<>(List.of(s.id()));
            java.util.Deque<Subscription> pending = new java.util.ArrayDeque<>(List.of(s));
            while (!pending.isEmpty()) {
                Subscription member = pending.poll();
                for (SubscriptionId linked : java.util.Arrays.asList(member.previousId(), member.successorId())) {
                    if (linked != null && seen.add(linked)) {
                        Subscription found = stored(linked);
                        family.add(found);
                        pending.add(found);
                    }
                }
            }
            return family;
        }

        // ---- what time brings, and "changes nothing but that"

        private static void assertRefused(CancelResult result, RefusalCode code, String what) {
            assertThat(result).as(what).isInstanceOf(CancelResult.Refused.class);
            assertThat(((CancelResult.Refused) result).reason().code()).as(what).isEqualTo(code);
        }

        /**
         * A refused or no-op request changes nothing but what time had brought. When the
         * subscriptions it looks at were up to date before it, nothing at all (every stored
         * subscription, event, outbox entry, audit record and environment). Otherwise: its
         * subscription is as the catch-up makes it (never scheduled, cancelled or continued by the
         * request), no other subscription changed, nothing was provisioned and only its own
         * environment erased (by a cancellation that came due); and the same request again, now on
         * an up-to-date subscription, answers {@code expectedAgain} and changes nothing at all.
         */
        private void assertChangesNothingButTheCatchUp(String what, Subscription before, CaughtUp expected,
                boolean upToDate, Snapshot snapshotBefore, Instant now, Set<SubscriptionId> mayCatchUp,
                Supplier<Object> again, String expectedAgain) {
            if (upToDate) {
                assertThat(snapshot()).as("%s changes nothing", what).isEqualTo(snapshotBefore);
                return;
            }
            Subscription after = stored(before.id());
            assertThat(after.state()).as("%s: state as time has made it", what).isEqualTo(expected.state());
            assertThat(after.cancelAt()).as("%s: cancelAt as time has made it", what).isEqualTo(expected.cancelAt());
            assertThat(after.cancelledAt()).as("%s: cancelledAt as time has made it", what)
                    .isEqualTo(expected.cancelledAt());
            assertThat(after.contractEnd()).as("%s: the term as time has made it", what)
                    .isEqualTo(expected.contractEnd());
            assertThat(after.trialEnd()).isEqualTo(before.trialEnd());
            assertThat(after.successorId()).as("%s: successor", what).isEqualTo(before.successorId());
            assertThat(after.nextDueAt().filter(at -> !at.isAfter(now))).as("%s: nothing of it is overdue", what)
                    .isEmpty();
            assertOnlyChanged(snapshotBefore, snapshot(), mayCatchUp, what);
            Snapshot caughtUp = snapshot();
            Object repeated = again.get();
            assertThat(describe(repeated)).as("%s, asked again once up to date", what).isEqualTo(expectedAgain);
            assertThat(snapshot()).as("%s, asked again once up to date, changes nothing", what).isEqualTo(caughtUp);
        }

        /**
         * Only the subscriptions in {@code mayChange} changed (or were added); nothing was
         * provisioned but {@code provisioned}; only environments of {@code mayChange} were erased.
         */
        private void assertOnlyChanged(Snapshot before, Snapshot after, Set<SubscriptionId> mayChange, String what,
                EnvironmentId... provisioned) {
            Map<SubscriptionId, Subscription> others = new LinkedHashMap<>(after.subscriptions());
            Map<SubscriptionId, Subscription> othersBefore = new LinkedHashMap<>(before.subscriptions());
            others.keySet().removeAll(mayChange);
            othersBefore.keySet().removeAll(mayChange);
            assertThat(others).as("%s changes no other subscription", what).isEqualTo(othersBefore);
            assertThat(after.provisioned()).as("%s provisions nothing else", what)
                    .isEqualTo(before.provisioned() + provisioned.length);
            assertThat(after.erased().subList(0, Math.min(before.erased().size(), after.erased().size())))
                    .as("%s keeps the record of what was erased", what).isEqualTo(before.erased());
            Set<EnvironmentId> theirs = mayChange.stream().map(before.subscriptions()::get)
                    .filter(java.util.Objects::nonNull).map(Subscription::environmentId).collect(Collectors.toSet());
            assertThat(after.erased().subList(before.erased().size(), after.erased().size()))
                    .as("%s erases no other subscription's environment", what).allMatch(theirs::contains);
        }

        // ---- changes of plan and quantity

        private String change(SubscriptionId id, ChangeTo op) {
            Subscription before = stored(id);
            Instant now = f.clock.instant();
            CaughtUp expected = caughtUp(before, plan(before), now);
            Snapshot snapshotBefore = snapshot();
            Change change = changeOf(f, before, op);
            ChangeResult result = f.billing.changes().change(actor, id, change);
            Subscription after = stored(id);
            if (checks(Invariant.CHANGE_NEVER_ERASES)) {
                assertThat(after.id()).isEqualTo(before.id());
                assertThat(after.environmentId()).as("a change keeps the environment")
                        .isEqualTo(before.environmentId());
                Set<SubscriptionId> cancelledNow = snapshot().subscriptions().values().stream()
                        .filter(Subscription::isCancelled)
                        .filter(s -> !snapshotBefore.subscriptions().get(s.id()).isCancelled())
                        .map(Subscription::id).collect(Collectors.toSet());
                assertOnlyChanged(snapshotBefore, snapshot(), Set.of(id), "a change");
                assertThat(cancelledNow).as("a change cancels nothing but what its catch-up does")
                        .isSubsetOf(expected.cancelled() ? Set.of(id) : Set.of());
                if (result instanceof ChangeResult.Applied applied) {
                    assertThat(after.isCancelled()).isFalse();
                    assertThat(f.environments.isLive(after.environmentId())).as("its environment is live").isTrue();
                    // What was in force when the change was made: a scheduled change due by then took
                    // effect first, so a change of quantity alone keeps its plan, and of plan alone its quantity.
                    ScheduledChange due = before.scheduledChange() != null
                            && !before.scheduledChange().effectiveOn().isAfter(now) ? before.scheduledChange() : null;
                    assertThat(after.planId()).isEqualTo(change.planId() != null ? change.planId()
                            : due != null ? due.planId() : before.planId());
                    assertThat(after.quantity()).isEqualTo(change.quantity() != 0 ? change.quantity()
                            : due != null ? due.quantity() : before.quantity());
                    assertThat(applied.subscription().environmentId()).isEqualTo(before.environmentId());
                }
            }
            return describe(result) + " " + brief(after);
        }

        private String revokeChange(SubscriptionId id) {
            Subscription before = stored(id);
            Instant now = f.clock.instant();
            CaughtUp expected = caughtUp(before, plan(before), now);
            ScheduledChange scheduled = before.scheduledChange();
            RevokeChangeResult result = f.billing.changes().revoke(actor, id);
            Subscription after = stored(id);
            if (checks(Invariant.CHANGE_REVOCABLE_BEFORE_DATE_ONLY)) {
                if (expected.cancelled()) {
                    assertThat(result).as("revoking the change of a cancelled subscription")
                            .isInstanceOfSatisfying(RevokeChangeResult.Refused.class, refused -> assertThat(
                                    refused.reason().code()).isEqualTo(RefusalCode.ALREADY_CANCELLED));
                } else if (scheduled != null && scheduled.effectiveOn().isAfter(now)) {
                    assertThat(result).as("a change scheduled for later is revoked")
                            .isEqualTo(new RevokeChangeResult.Revoked(id, scheduled));
                    assertThat(after.scheduledChange()).isNull();
                    assertThat(after.planId()).isEqualTo(before.planId());
                    assertThat(after.quantity()).isEqualTo(before.quantity());
                } else {
                    assertThat(result).as("nothing to revoke, or the change took effect")
                            .isInstanceOfSatisfying(RevokeChangeResult.Refused.class, refused -> assertThat(
                                    refused.reason().code()).isEqualTo(RefusalCode.NO_CHANGE_SCHEDULED));
                    assertThat(after.scheduledChange()).isNull();
                    if (scheduled != null) {
                        assertThat(after.planId()).as("the change took effect").isEqualTo(scheduled.planId());
                        assertThat(after.quantity()).isEqualTo(scheduled.quantity());
                    }
                }
            }
            return describe(result) + " " + brief(after);
        }

        // ---- the billing run

        private String run() {
            Instant now = f.clock.instant();
            BillingRunReport report = f.billing.run(now);
            if (checks(Invariant.RUN_IS_COMPLETE_AND_IDEMPOTENT)) {
                for (Subscription s : all().values()) {
                    if (!s.isCancelled()) {
                        assertThat(s.scheduledCancellation().filter(at -> !at.isAfter(now)))
                                .as("no cancellation of %s is overdue after the run", s.id()).isEmpty();
                        assertThat(s.nextDueAt().filter(at -> !at.isAfter(now)))
                                .as("nothing of %s is overdue after the run", s.id()).isEmpty();
                    }
                }
                Snapshot before = snapshot();
                BillingRunReport again = f.billing.run(now);
                assertThat(snapshot()).as("running again for the same instant changes nothing").isEqualTo(before);
                assertThat(actions(again)).as("the second run did nothing: %s", again).allMatch(count -> count == 0);
            }
            return "run: examined " + report.subscriptionsExamined() + ", trials ended " + report.trialsEnded()
                    + ", renewed " + report.contractsRenewed() + ", cancelled " + report.cancellationsTakenEffect()
                    + ", erased " + report.erasuresConfirmed() + ", pending " + report.erasuresPending();
        }

        /** The counts of a run's report of what it did (every count but the erasures still waiting). */
        private static List<Integer> actions(BillingRunReport report) {
            List<Integer> counts = new ArrayList<>();
            for (RecordComponent component : BillingRunReport.class.getRecordComponents()) {
                if (component.getType() == int.class && !component.getName().equals("erasuresPending")) {
                    try {
                        counts.add((Integer) component.getAccessor().invoke(report));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return counts;
        }

        // ---- after every step

        private void afterEveryStep() {
            Map<SubscriptionId, Subscription> now = all();
            if (checks(Invariant.CANCELLED_IS_FINAL) || checks(Invariant.ERASURE_RETRIED_UNTIL_CONFIRMED)) {
                checkCancelledUnchanged(now);
            }
            if (checks(Invariant.TRIAL_CANCELLATION_NEVER_ACTIVE)) {
                Set<SubscriptionId> trialEnded = f.events.eventsOf(TrialEnded.class).stream()
                        .map(TrialEnded::subscriptionId).collect(Collectors.toSet());
                Set<SubscriptionId> invoiced = f.storage.invoices().findByCompanies(List.of(company.id()), null, 10_000)
                        .stream().flatMap(invoice -> invoice.lines().stream()).map(InvoiceLine::subscriptionId)
                        .collect(Collectors.toSet());
                for (SubscriptionId id : cancelledInTrial) {
                    Subscription s = now.get(id);
                    assertThat(s.state()).as("%s cancelled in its trial", id)
                            .isIn(SubscriptionState.TRIALING, SubscriptionState.CANCELLED);
                    assertThat(trialEnded).as("%s cancelled in its trial never converts", id).doesNotContain(id);
                    assertThat(invoiced).as("%s cancelled in its trial is never invoiced", id).doesNotContain(id);
                    if (s.isCancelled()) {
                        assertThat(s.cancelledAt()).as("%s cancelled at its trial's end", id).isEqualTo(s.trialEnd());
                    }
                }
            }
            if (checks(Invariant.ERASED_EXACTLY_ONCE)) {
                checkErasures(now, true);
            }
            if (checks(Invariant.ERASURE_RETRIED_UNTIL_CONFIRMED)) {
                checkErasures(now, false);
            }
            for (Subscription s : now.values()) {
                if (s.isCancelled()) {
                    cancelled.put(s.id(), s);
                }
            }
        }

        /**
         * A cancelled subscription keeps every field, except the link to the subscription that
         * reactivated it (set by that reactivation only) and the erasure's confirmation (from
         * pending to confirmed, once); the version counts those changes.
         */
        private void checkCancelledUnchanged(Map<SubscriptionId, Subscription> now) {
            for (Map.Entry<SubscriptionId, Subscription> entry : cancelled.entrySet()) {
                Subscription was = entry.getValue();
                Subscription is = now.get(entry.getKey());
                assertThat(is).as("cancelled %s is still stored", entry.getKey()).isNotNull();
                assertThat(frozenPart(is)).as("cancelled %s never changes", is.id()).isEqualTo(frozenPart(was));
                boolean relinked = entry.getKey().equals(reactivatedThisStep);
                assertThat(is.successorId()).as("successor of %s", is.id())
                        .isEqualTo(relinked ? successors.get(is.id()) : was.successorId());
                boolean confirmed = was.erasure() == ErasureStatus.PENDING && is.erasure() == ErasureStatus.CONFIRMED;
                if (!confirmed) {
                    assertThat(is.erasure()).as("erasure of %s", is.id()).isEqualTo(was.erasure());
                    assertThat(is.erasedAt()).as("erasedAt of %s", is.id()).isEqualTo(was.erasedAt());
                }
                assertThat(is.version()).as("version of %s counts the successor link and the erasure", is.id())
                        .isEqualTo(was.version() + (relinked ? 1 : 0) + (confirmed ? 1 : 0));
            }
        }

        /**
         * Every field of the record but those a cancelled subscription may still change, by name:
         * a field added to {@link Subscription} later is compared too.
         */
        private static Map<String, Object> frozenPart(Subscription s) {
            return fields(s, MAY_CHANGE_WHEN_CANCELLED);
        }

        /** Every field of the record by name, but those {@code except}. */
        private static Map<String, Object> fields(Subscription s, Set<String> except) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (RecordComponent component : Subscription.class.getRecordComponents()) {
                if (!except.contains(component.getName())) {
                    try {
                        fields.put(component.getName(), component.getAccessor().invoke(s));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return fields;
        }

        /**
         * Each environment is erased at most once and each erasure is announced once; with a
         * working port every cancelled subscription is erased by the end of the step that cancelled it.
         */
        private void checkErasures(Map<SubscriptionId, Subscription> now, boolean portWorks) {
            List<EnvironmentId> erased = f.environments.erased();
            assertThat(erased).as("no environment erased twice").doesNotHaveDuplicates();
            Map<SubscriptionId, Long> announced = f.events.eventsOf(SubscriptionDataErased.class).stream()
                    .collect(Collectors.groupingBy(SubscriptionDataErased::subscriptionId, Collectors.counting()));
            for (Subscription s : now.values()) {
                if (!s.isCancelled()) {
                    assertThat(f.environments.isLive(s.environmentId())).as("%s not cancelled keeps its environment",
                            s.id()).isTrue();
                    assertThat(announced).as("%s not cancelled is not erased", s.id()).doesNotContainKey(s.id());
                } else if (s.erasure() == ErasureStatus.CONFIRMED) {
                    assertThat(erased).as("%s confirmed erased", s.id()).contains(s.environmentId());
                    assertThat(f.environments.isLive(s.environmentId())).isFalse();
                    assertThat(announced.get(s.id())).as("erasure of %s announced once", s.id()).isEqualTo(1L);
                } else {
                    assertThat(portWorks).as("%s cancelled is erased at once by a working port", s.id()).isFalse();
                    assertThat(announced).as("%s not erased yet is not announced", s.id()).doesNotContainKey(s.id());
                }
            }
        }

        private void atTheEnd() {
            if (!checks(Invariant.ERASURE_RETRIED_UNTIL_CONFIRMED)) {
                return;
            }
            reactivatedThisStep = null;
            f.environments.failNextErasures(0);
            f.environments.erasureInProgress(false);
            trace.append("  the port recovers; run @").append(f.clock.instant()).append(" -> ").append(run())
                    .append('\n');
            Map<SubscriptionId, Subscription> now = all();
            checkCancelledUnchanged(now);
            checkErasures(now, true);
            for (Subscription s : now.values()) {
                if (s.isCancelled()) {
                    assertThat(s.erasure()).as("%s erased once the port recovered", s.id())
                            .isEqualTo(ErasureStatus.CONFIRMED);
                }
            }
        }

        // ---- helpers

        private boolean checks(Invariant invariant) {
            return checked.contains(invariant);
        }

        private Subscription stored(SubscriptionId id) {
            return f.storage.subscriptions().findById(id).orElseThrow();
        }

        private Plan plan(Subscription s) {
            for (PlanKind kind : PlanKind.values()) {
                if (kind.of(f).id().equals(s.planId())) {
                    return kind.of(f);
                }
            }
            throw new IllegalStateException("unknown plan " + s.planId());
        }

        private Map<SubscriptionId, Subscription> all() {
            Map<SubscriptionId, Subscription> result = new LinkedHashMap<>();
            for (Subscription s : f.storage.subscriptions().findByCompanies(Set.of(company.id()))) {
                result.put(s.id(), s);
            }
            return result;
        }

        private Snapshot snapshot() {
            return new Snapshot(all(), f.events.events().size(), f.storage.outbox().findUndelivered(10_000).size(),
                    f.storage.audit().findByCompany(company.id(), 1000).size(), f.environments.provisionedCount(),
                    f.environments.erased(), f.environments.liveEnvironments());
        }

        private String state() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < subscriptions.size(); i++) {
                out.append("  #").append(i).append(' ').append(stored(subscriptions.get(i))).append('\n');
            }
            return out.toString();
        }

        private String brief(Subscription s) {
            int index = subscriptions.indexOf(s.id());
            return (index >= 0 ? "#" + index + " " : "") + s.state() + " " + s.planId() + " x" + s.quantity()
                    + (s.scheduledChange() != null ? " change=" + s.scheduledChange() : "")
                    + (s.trialEnd() != null ? " trialEnd=" + s.trialEnd() : "")
                    + (s.contractEnd() != null ? " contractEnd=" + s.contractEnd() : "")
                    + (s.cancelAt() != null ? " cancelAt=" + s.cancelAt() : "")
                    + (s.isCancelled() ? " erasure=" + s.erasure() : "");
        }

        private static String describe(Object result) {
            if (result instanceof CancelResult.Scheduled s) {
                return "Scheduled(" + s.effectiveOn() + (s.alreadyScheduled() ? ", already)" : ")");
            } else if (result instanceof CancelResult.Cancelled c) {
                return "Cancelled(" + c.effectiveAt() + ", " + c.erasure() + ")";
            } else if (result instanceof CancelResult.Refused r) {
                return "Refused(" + r.reason().code() + ")";
            } else if (result instanceof RemoveCancellationResult.Refused r) {
                return "Refused(" + r.reason().code() + ")";
            } else if (result instanceof ReactivateResult.Refused r) {
                return "Refused(" + r.reason().code() + ")";
            } else if (result instanceof ChangeResult.Refused r) {
                return "Refused(" + r.reason().code() + ")";
            } else if (result instanceof ChangeResult.Scheduled c) {
                return "ChangeScheduled(" + c.change() + ")";
            } else if (result instanceof ChangeResult.Applied c) {
                return "ChangeApplied(" + c.subscription().planId() + " x" + c.subscription().quantity() + ")";
            } else if (result instanceof RevokeChangeResult.Refused r) {
                return "Refused(" + r.reason().code() + ")";
            }
            return String.valueOf(result);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Twin fixtures: with and without the billing run having caught up

    /**
     * One scenario played on two fixtures built the same way, with the same clock: before each
     * cancel, removal or reactivation the {@code caughtUp} one lets the billing run catch up with
     * now and the {@code lagging} one does not. The request must answer the same on both and leave
     * its subscription (and a reactivation's new one) the same; then the lagging one runs too and
     * both must hold the same subscriptions and invoices again, so the next step starts from equal
     * states. Subscriptions are compared by their position in the walk (ids differ), without
     * versions or environment ids.
     */
    private static final class TwinWalk {

        private final Scenario scenario;
        private final Side caughtUp = new Side();
        private final Side lagging = new Side();
        private final StringBuilder trace = new StringBuilder();

        TwinWalk(Scenario scenario) {
            this.scenario = scenario;
        }

        void play() {
            for (PlanKind kind : scenario.plans()) {
                for (Side side : List.of(caughtUp, lagging)) {
                    side.subscriptions.add(side.f.billing.subscriptions()
                            .subscribe(side.actor, side.company.id(), kind.of(side.f).id()).id());
                }
                trace.append("  subscribe ").append(kind).append(" -> #").append(caughtUp.subscriptions.size() - 1)
                        .append('\n');
            }
            int step = 0;
            for (Op op : scenario.ops()) {
                step++;
                trace.append(String.format("  %2d %s @%s", step, op, caughtUp.f.clock.instant()));
                try {
                    String outcome = apply(op);
                    trace.append(" -> ").append(outcome).append('\n');
                    assertThat(lagging.f.clock.instant()).as("same clock").isEqualTo(caughtUp.f.clock.instant());
                    assertThat(lagging.all()).as("the same subscriptions after the step").isEqualTo(caughtUp.all());
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("[SAME_ANSWER_WITH_OR_WITHOUT_RUN] violated at step " + step + " ("
                            + op + ") of\n" + scenario + "\ntrace:\n" + trace + "\ncaught-up fixture:\n"
                            + caughtUp.state() + "lagging fixture:\n" + lagging.state(), e);
                }
            }
        }

        private String apply(Op op) {
            if (op instanceof Cancel c) {
                int index = sameTarget(c.target(), s -> true);
                return request(index, c.lead(), side -> side.f.billing.subscriptions()
                        .cancel(side.actor, side.subscriptions.get(index), c.erasure()));
            } else if (op instanceof RemoveCancellation r) {
                int index = sameTarget(r.target(),
                        r.amongScheduled() ? s -> s.scheduledCancellation().isPresent() : s -> true);
                return request(index, r.lead(), side -> side.f.billing.subscriptions()
                        .removeScheduledCancellation(side.actor, side.subscriptions.get(index)));
            } else if (op instanceof Reactivate r) {
                int index = sameTarget(r.target(), r.amongCancelled() ? Subscription::isCancelled : s -> true);
                return request(index, r.lead(), side -> side.f.billing.subscriptions()
                        .reactivate(side.actor, side.subscriptions.get(index)));
            } else if (op instanceof ChangeTo c) {
                int index = sameTarget(c.target(), s -> true);
                // Asked as the caught-up fixture (which answers first) sees the subscription: the other
                // has not applied a due change yet, and is asked the same.
                Change[] asked = new Change[1];
                return request(index, c.lead(), side -> {
                    if (asked[0] == null) {
                        asked[0] = changeOf(side.f, side.stored(index), c);
                    }
                    return side.f.billing.changes().change(side.actor, side.subscriptions.get(index), asked[0]);
                });
            } else if (op instanceof RevokeChange r) {
                int index = sameTarget(r.target(), r.amongScheduled() ? s -> s.scheduledChange() != null : s -> true);
                return request(index, r.lead(), side -> side.f.billing.changes()
                        .revoke(side.actor, side.subscriptions.get(index)));
            }
            String outcome = caughtUp.time(op);
            lagging.time(op);
            return outcome;
        }

        /** The subscription a step picks, by position; the same on both fixtures, which are in equal states. */
        private int sameTarget(int index, Predicate<Subscription> matches) {
            int picked = caughtUp.target(index, matches);
            assertThat(lagging.target(index, matches)).as("both fixtures pick the same subscription").isEqualTo(picked);
            return picked;
        }

        private String request(int index, Lead lead, Function<Side, Object> request) {
            String moved = "";
            if (lead.movesTime()) {
                moved = caughtUp.moveToDue(index, lead);
                lagging.moveToDue(index, lead);
                assertThat(lagging.f.clock.instant()).as("same clock").isEqualTo(caughtUp.f.clock.instant());
            }
            Instant now = caughtUp.f.clock.instant();
            List<String> laggingReads = lagging.reads();
            caughtUp.f.billing.run(now);
            assertThat(laggingReads).as("reads show the subscriptions as they are now, without the billing run")
                    .isEqualTo(caughtUp.reads());
            Object reference = request.apply(caughtUp);
            caughtUp.learn(reference);
            Object answer = request.apply(lagging);
            lagging.learn(answer);
            String expected = caughtUp.answer(reference);
            assertThat(lagging.answer(answer)).as("the answer does not depend on whether the billing run had caught up")
                    .isEqualTo(expected);
            assertThat(lagging.norm(lagging.stored(index)))
                    .as("the subscription is left the same whether or not the billing run had caught up")
                    .isEqualTo(caughtUp.norm(caughtUp.stored(index)));
            if (reference instanceof ReactivateResult.Reactivated) {
                int started = caughtUp.subscriptions.size() - 1;
                assertThat(lagging.norm(lagging.stored(started))).as("the reactivation starts the same subscription")
                        .isEqualTo(caughtUp.norm(caughtUp.stored(started)));
            }
            lagging.f.billing.run(now);
            assertThat(lagging.all()).as("the same subscriptions once the lagging fixture has run too")
                    .isEqualTo(caughtUp.all());
            assertThat(lagging.invoices()).as("the same invoices once the lagging fixture has run too")
                    .isEqualTo(caughtUp.invoices());
            return moved + expected + " on both; then the lagging fixture runs";
        }
    }

    /** One of the twin fixtures. */
    private static final class Side {

        final BillingFixture f = BillingFixture.inMemory();
        final Company company = f.root("Acme");
        final Actor actor = BillingFixture.actor(company);
        final List<SubscriptionId> subscriptions = new ArrayList<>();

        Subscription stored(int index) {
            return f.storage.subscriptions().findById(subscriptions.get(index)).orElseThrow();
        }

        int target(int index, Predicate<Subscription> matches) {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < subscriptions.size(); i++) {
                if (matches.test(stored(i))) {
                    candidates.add(i);
                }
            }
            return candidates.isEmpty() ? index % subscriptions.size() : candidates.get(index % candidates.size());
        }

        String moveToDue(int index, Lead lead) {
            return SubscriptionLifecycleProperties.moveToDue(f, lead,
                    dueOf(subscriptions.get(index), id -> f.storage.subscriptions().findById(id).orElseThrow()));
        }

        /** Moves this fixture's time as {@code op} says (and runs when it says so). */
        String time(Op op) {
            if (op instanceof AdvanceAndRun a) {
                f.clock.advance(a.by());
                return run();
            } else if (op instanceof Run) {
                return run();
            } else if (op instanceof Wait w) {
                f.clock.advance(w.by());
                return "now " + f.clock.instant();
            } else if (op instanceof WaitUntilDue w) {
                Optional<Instant> due = stored(w.target() % subscriptions.size()).nextDueAt();
                if (due.isEmpty()) {
                    return "nothing due";
                }
                Instant at = due.get().plus(Duration.ofMinutes(w.offsetMinutes()));
                if (at.isAfter(f.clock.instant())) {
                    f.clock.set(at);
                }
                return "now " + f.clock.instant() + (w.thenRun() ? ", " + run() : "");
            }
            throw new IllegalArgumentException("not a twin operation: " + op);
        }

        private String run() {
            BillingRunReport report = f.billing.run(f.clock.instant());
            return "run " + report.trialsEnded() + "/" + report.contractsRenewed() + "/"
                    + report.cancellationsTakenEffect() + " (trials ended/renewed/cancelled)";
        }

        void learn(Object result) {
            if (result instanceof ReactivateResult.Reactivated reactivated) {
                subscriptions.add(reactivated.subscription().id());
            }
        }

        private String ref(SubscriptionId id) {
            return id == null ? "-" : "#" + subscriptions.indexOf(id);
        }

        /** Every field of a subscription but its version, environment and company ids; subscriptions by position. */
        String norm(Subscription s) {
            StringBuilder out = new StringBuilder();
            for (RecordComponent component : Subscription.class.getRecordComponents()) {
                if (Set.of("version", "environmentId", "companyId").contains(component.getName())) {
                    continue;
                }
                Object value;
                try {
                    value = component.getAccessor().invoke(s);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                out.append(out.length() == 0 ? "" : " ").append(component.getName()).append('=')
                        .append(value instanceof SubscriptionId id ? ref(id) : value);
            }
            return out.toString();
        }

        List<String> all() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < subscriptions.size(); i++) {
                out.add(norm(stored(i)));
            }
            return out;
        }

        /**
         * What the portal reads of each subscription ({@code find}) and its lists ({@code active},
         * {@code all}), sorted: subscriptions by position, without ids of this side's own, and
         * the erasure as requested or not (a run confirms it at once; a read shows it pending).
         */
        List<String> reads() {
            List<String> out = new ArrayList<>();
            for (SubscriptionId id : subscriptions) {
                out.add("find " + shown(f.billing.subscriptions().find(actor, id)));
            }
            f.billing.subscriptions().active(actor, company.id(), Scope.COMPANY_ONLY)
                    .forEach(view -> out.add("active " + shown(view)));
            f.billing.subscriptions().all(actor, company.id(), Scope.COMPANY_ONLY)
                    .forEach(view -> out.add("all " + shown(view)));
            out.sort(null);
            return out;
        }

        private String shown(SubscriptionView view) {
            return ref(view.subscriptionId()) + " " + view.planId() + " " + view.state() + " started "
                    + view.startedAt() + " trial end " + view.trialEnd() + " contract end " + view.contractEnd()
                    + " scheduled " + view.scheduledCancellation() + " cancelled " + view.cancelledAt()
                    + " quantity " + view.quantity() + " change " + view.scheduledChange()
                    + " erasure " + (view.erasure() == ErasureStatus.NOT_REQUESTED ? "none" : "requested");
        }

        /** Every invoice line: whose, which period, the invoice's state, issue time and total. */
        List<String> invoices() {
            return f.storage.invoices().findByCompanies(List.of(company.id()), null, 10_000).stream()
                    .flatMap(invoice -> invoice.lines().stream().map(line -> ref(line.subscriptionId()) + " "
                            + line.kind() + " " + line.amount() + " " + line.periodStart() + ".." + line.periodEnd()
                            + " " + invoice.state() + " issued "
                            + invoice.issuedAt() + " total " + invoice.total()))
                    .sorted()
                    .toList();
        }

        String answer(Object result) {
            if (result instanceof CancelResult.Scheduled s) {
                return ref(s.subscriptionId()) + " Scheduled(" + s.effectiveOn() + ", already=" + s.alreadyScheduled()
                        + ")";
            } else if (result instanceof CancelResult.Cancelled c) {
                return ref(c.subscriptionId()) + " Cancelled(" + c.effectiveAt() + ", " + c.erasure() + ")";
            } else if (result instanceof CancelResult.Refused r) {
                return ref(r.subscriptionId()) + " Refused(" + r.reason().code() + ")";
            } else if (result instanceof RemoveCancellationResult.Removed r) {
                return ref(r.subscriptionId()) + " Removed";
            } else if (result instanceof RemoveCancellationResult.Refused r) {
                return ref(r.subscriptionId()) + " Refused(" + r.reason().code() + ")";
            } else if (result instanceof ReactivateResult.Reactivated r) {
                return ref(r.previousId()) + " Reactivated(" + norm(r.subscription()) + ")";
            } else if (result instanceof ReactivateResult.Refused r) {
                return ref(r.previousId()) + " Refused(" + r.reason().code() + ")";
            } else if (result instanceof ChangeResult.Applied c) {
                return ref(c.subscriptionId()) + " Changed(" + norm(c.subscription()) + ", invoice "
                        + (c.invoice() == null ? "none" : c.invoice().lines().stream().map(line -> line.kind() + " "
                        + line.amount()).toList()) + ", credit " + (c.creditNote() == null ? "none"
                        : c.creditNote().total()) + ", replaced " + c.replaced() + ")";
            } else if (result instanceof ChangeResult.Scheduled c) {
                return ref(c.subscriptionId()) + " ChangeScheduled(" + c.change() + ", replaced " + c.replaced() + ")";
            } else if (result instanceof ChangeResult.Refused r) {
                return ref(r.subscriptionId()) + " Refused(" + r.reason().code() + ")";
            } else if (result instanceof RevokeChangeResult.Revoked r) {
                return ref(r.subscriptionId()) + " Revoked(" + r.revoked() + ")";
            } else if (result instanceof RevokeChangeResult.Refused r) {
                return ref(r.subscriptionId()) + " Refused(" + r.reason().code() + ")";
            }
            throw new IllegalArgumentException("unknown answer " + result);
        }

        String state() {
            StringBuilder out = new StringBuilder();
            for (String s : all()) {
                out.append("  ").append(s).append('\n');
            }
            return out.toString();
        }
    }
}
