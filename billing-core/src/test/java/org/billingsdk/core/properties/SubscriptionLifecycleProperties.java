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
import java.util.stream.Collectors;
import org.billingsdk.core.Actor;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.SubscriptionDataErased;
import org.billingsdk.core.event.TrialEnded;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.subscription.CancelResult;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.ReactivateResult;
import org.billingsdk.core.subscription.RemoveCancellationResult;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
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
 * whether the billing run has caught up with the time an operation is made at.
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

    @Test
    void aScheduledCancellationCanBeRemovedBeforeItsDateAndNeverOnOrAfterIt() {
        check(Invariant.REMOVAL_BEFORE_DATE_ONLY, scenarios(false));
    }

    @Test
    void cancellingAnAlreadyScheduledSubscriptionAnswersTheSameDateAndChangesNothing() {
        check(Invariant.RESCHEDULING_CHANGES_NOTHING, scenarios(false));
    }

    @Test
    void anUnacknowledgedCancellationNeverChangesAnything() {
        check(Invariant.UNACKNOWLEDGED_CHANGES_NOTHING, scenarios(false));
    }

    /**
     * In a trial, at the trial's end; under a contract, at the end of the term running at the
     * time of the request, counting the renewals due by then even when the billing run has not
     * recorded them yet ("a contract renews for the same term at its end"); otherwise at once.
     */
    @Test
    void cancellingTakesEffectAtTrialEndOrAtTheRunningTermsEndAndOtherwiseAtOnce() {
        check(Invariant.CANCELLATION_TIMING, scenarios(false));
    }

    @Test
    void reactivationStartsANewSubscriptionWithANewEnvironmentAndNoTrialLinkedToTheOldOne() {
        check(Invariant.REACTIVATION_STARTS_NEW, scenarios(false));
    }

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

    private static void check(Invariant invariant, Gen<Scenario> scenarios) {
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

    record Cancel(int target, DataErasure erasure) implements Op {
        @Override
        public String toString() {
            return "cancel(#" + target + (erasure == DataErasure.ACKNOWLEDGED ? ", ack)" : ", NOT ack)");
        }
    }

    /** Removes a subscription's scheduled cancellation; picked among the scheduled ones when so asked and any are. */
    record RemoveCancellation(int target, boolean amongScheduled) implements Op {
        @Override
        public String toString() {
            return "removeCancellation(" + (amongScheduled ? "scheduled #" : "#") + target + ")";
        }
    }

    /** Reactivates a subscription, picked among the cancelled ones when so asked and any are. */
    record Reactivate(int target, boolean amongCancelled) implements Op {
        @Override
        public String toString() {
            return "reactivate(" + (amongCancelled ? "cancelled #" : "#") + target + ")";
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
        Gen<List<Op>> ops = lists().of(operations(faultyErasures)).ofSizeBetween(1, 40);
        return plans.zip(ops, Scenario::new);
    }

    private static Gen<Op> operations(boolean faultyErasures) {
        Gen<Integer> target = integers().between(0, TARGETS - 1);
        List<Pair<Integer, Gen<Op>>> choices = new ArrayList<>(List.of(
                Pair.of(5, target.map(t -> (Op) new Cancel(t, DataErasure.ACKNOWLEDGED))),
                Pair.of(1, target.map(t -> (Op) new Cancel(t, DataErasure.NOT_ACKNOWLEDGED))),
                Pair.of(3, target.zip(booleans().all(), (t, scheduled) -> (Op) new RemoveCancellation(t, scheduled))),
                Pair.of(3, target.zip(booleans().all(), (t, cancelled) -> (Op) new Reactivate(t, cancelled))),
                Pair.of(4, durations().map(d -> (Op) new AdvanceAndRun(d))),
                Pair.of(1, Generate.constant((Op) new Run())),
                Pair.of(1, durations().map(d -> (Op) new Wait(d))),
                Pair.of(2, target.zip(Generate.pick(List.of(-60, -1, 0, 0, 1, 60)), booleans().all(),
                        (t, offset, run) -> (Op) new WaitUntilDue(t, offset, run))),
                Pair.of(1, booleans().all().map(decline -> (Op) new PaymentsDecline(decline)))));
        if (faultyErasures) {
            choices.add(Pair.of(2, integers().between(1, 6).map(n -> (Op) new FailErasures(n))));
            choices.add(Pair.of(1, booleans().all().map(on -> (Op) new ErasureInProgress(on))));
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
        ERASED_EXACTLY_ONCE,
        ERASURE_RETRIED_UNTIL_CONFIRMED
    }

    /** What a step may not change, to compare before and after. */
    record Snapshot(Map<SubscriptionId, Subscription> subscriptions, int eventsDelivered, int undelivered,
            int auditRecords, int provisioned, List<EnvironmentId> erased, Set<EnvironmentId> live) {
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
                return cancel(target(c.target()), c.erasure());
            } else if (op instanceof RemoveCancellation r) {
                return remove(r.amongScheduled() ? target(r.target(), s -> s.scheduledCancellation().isPresent())
                        : target(r.target()));
            } else if (op instanceof Reactivate r) {
                return reactivate(r.amongCancelled() ? target(r.target(), Subscription::isCancelled)
                        : target(r.target()));
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

        // ---- cancel

        private String cancel(SubscriptionId id, DataErasure erasure) {
            Subscription before = stored(id);
            Snapshot snapshotBefore = checks(Invariant.UNACKNOWLEDGED_CHANGES_NOTHING)
                    || checks(Invariant.RESCHEDULING_CHANGES_NOTHING) || checks(Invariant.CANCELLATION_TIMING)
                    ? snapshot() : null;
            Instant now = f.clock.instant();
            Plan plan = plan(before);
            CancelResult result = f.billing.subscriptions().cancel(actor, id, erasure);
            Subscription after = stored(id);

            if (erasure == DataErasure.NOT_ACKNOWLEDGED && checks(Invariant.UNACKNOWLEDGED_CHANGES_NOTHING)) {
                assertThat(result).as("an unacknowledged cancellation is refused")
                        .isInstanceOf(CancelResult.Refused.class);
                assertThat(((CancelResult.Refused) result).reason().code()).isEqualTo(before.isCancelled()
                        ? RefusalCode.ALREADY_CANCELLED : RefusalCode.ERASURE_NOT_ACKNOWLEDGED);
                assertThat(snapshot()).as("an unacknowledged cancellation changes nothing").isEqualTo(snapshotBefore);
            }
            if (erasure == DataErasure.ACKNOWLEDGED && !before.isCancelled() && before.cancelAt() != null
                    && checks(Invariant.RESCHEDULING_CHANGES_NOTHING)) {
                assertThat(result).as("cancelling a scheduled subscription answers its date again")
                        .isEqualTo(new CancelResult.Scheduled(id, before.cancelAt(), true));
                assertThat(after.version()).as("version").isEqualTo(before.version());
                assertThat(snapshot()).as("cancelling a scheduled subscription changes nothing")
                        .isEqualTo(snapshotBefore);
            }
            if (erasure == DataErasure.ACKNOWLEDGED && checks(Invariant.CANCELLATION_TIMING)) {
                checkTiming(before, after, plan, now, result, snapshotBefore);
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
         * that the billing run has not recorded yet), at that term's end; otherwise at once.
         */
        private void checkTiming(Subscription before, Subscription after, Plan plan, Instant now, CancelResult result,
                Snapshot snapshotBefore) {
            if (before.isCancelled()) {
                assertThat(result).as("cancelling a cancelled subscription is refused")
                        .isInstanceOf(CancelResult.Refused.class);
                assertThat(((CancelResult.Refused) result).reason().code()).isEqualTo(RefusalCode.ALREADY_CANCELLED);
                assertThat(snapshot()).as("a refused cancellation changes nothing").isEqualTo(snapshotBefore);
                return;
            }
            if (before.cancelAt() != null) {
                return; // RESCHEDULING_CHANGES_NOTHING
            }
            Optional<Instant> expected = expectedEffectiveDate(before, plan, now);
            if (expected.isPresent()) {
                assertThat(result).as("the cancellation is scheduled for the end of the trial or term")
                        .isEqualTo(new CancelResult.Scheduled(before.id(), expected.get(), false));
                assertThat(after.state()).as("a scheduled cancellation keeps the state").isEqualTo(before.state());
                assertThat(after.cancelAt()).isEqualTo(expected.get());
                assertThat(after.scheduledCancellation()).contains(expected.get());
            } else {
                assertThat(result).as("without a trial or a running term the cancellation takes effect at once")
                        .isInstanceOf(CancelResult.Cancelled.class);
                assertThat(((CancelResult.Cancelled) result).effectiveAt()).isEqualTo(now);
                assertThat(after.state()).isEqualTo(SubscriptionState.CANCELLED);
                assertThat(after.cancelledAt()).isEqualTo(now);
            }
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
            Snapshot snapshotBefore = checks(Invariant.REMOVAL_BEFORE_DATE_ONLY) ? snapshot() : null;
            Instant now = f.clock.instant();
            RemoveCancellationResult result = f.billing.subscriptions().removeScheduledCancellation(actor, id);
            Subscription after = stored(id);
            if (checks(Invariant.REMOVAL_BEFORE_DATE_ONLY)) {
                if (before.isCancelled()) {
                    assertRemovalRefused(result, RefusalCode.ALREADY_CANCELLED, snapshotBefore);
                } else if (before.cancelAt() == null) {
                    assertRemovalRefused(result, RefusalCode.NOTHING_SCHEDULED, snapshotBefore);
                } else if (before.cancelAt().isAfter(now)) {
                    assertThat(result).as("a cancellation scheduled after now can be removed")
                            .isEqualTo(new RemoveCancellationResult.Removed(id));
                    assertThat(after.cancelAt()).isNull();
                    assertThat(after.scheduledCancellation()).isEmpty();
                    assertThat(after.state()).as("service continues without interruption").isEqualTo(before.state());
                    assertThat(after.contractEnd()).isEqualTo(before.contractEnd());
                    assertThat(after.trialEnd()).isEqualTo(before.trialEnd());
                    assertThat(after.environmentId()).isEqualTo(before.environmentId());
                    assertThat(f.environments.isLive(after.environmentId())).isTrue();
                } else {
                    assertRemovalRefused(result, RefusalCode.CANCELLATION_DUE, snapshotBefore);
                }
            }
            if (result instanceof RemoveCancellationResult.Removed) {
                cancelledInTrial.remove(id);
            }
            return describe(result) + " " + brief(after);
        }

        private void assertRemovalRefused(RemoveCancellationResult result, RefusalCode code, Snapshot before) {
            assertThat(result).as("removal refused").isInstanceOf(RemoveCancellationResult.Refused.class);
            assertThat(((RemoveCancellationResult.Refused) result).reason().code()).isEqualTo(code);
            assertThat(snapshot()).as("a refused removal changes nothing").isEqualTo(before);
        }

        // ---- reactivate

        private String reactivate(SubscriptionId id) {
            Subscription before = stored(id);
            Snapshot snapshotBefore = checks(Invariant.REACTIVATION_STARTS_NEW)
                    || checks(Invariant.NO_SECOND_LIVE_SUCCESSOR) ? snapshot() : null;
            Instant now = f.clock.instant();
            Plan plan = plan(before);
            boolean successorLive = before.successorId() != null && !stored(before.successorId()).isCancelled();
            ReactivateResult result = f.billing.subscriptions().reactivate(actor, id);
            Subscription after = stored(id);

            if (before.isCancelled() && successorLive && checks(Invariant.NO_SECOND_LIVE_SUCCESSOR)) {
                assertThat(result).as("a subscription with a live successor is not reactivated again")
                        .isInstanceOf(ReactivateResult.Refused.class);
                assertThat(((ReactivateResult.Refused) result).reason().code())
                        .isEqualTo(RefusalCode.ALREADY_REACTIVATED);
                assertThat(snapshot()).as("a refused reactivation changes nothing").isEqualTo(snapshotBefore);
            }
            if (checks(Invariant.REACTIVATION_STARTS_NEW)) {
                if (!before.isCancelled()) {
                    assertThat(result).as("only a cancelled subscription is reactivated")
                            .isInstanceOf(ReactivateResult.Refused.class);
                    assertThat(((ReactivateResult.Refused) result).reason().code())
                            .isEqualTo(RefusalCode.NOT_CANCELLED);
                    assertThat(snapshot()).as("a refused reactivation changes nothing").isEqualTo(snapshotBefore);
                } else if (!successorLive) {
                    assertThat(result).as("a cancelled subscription without a live successor is reactivated")
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
                    assertThat(after.successorId()).as("the old one links to the new one").isEqualTo(started.id());
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
            Map<String, Object> fields = new LinkedHashMap<>();
            for (RecordComponent component : Subscription.class.getRecordComponents()) {
                if (!MAY_CHANGE_WHEN_CANCELLED.contains(component.getName())) {
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
            return (index >= 0 ? "#" + index + " " : "") + s.state()
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
            }
            return String.valueOf(result);
        }
    }
}
