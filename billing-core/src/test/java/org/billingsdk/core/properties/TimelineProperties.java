package org.billingsdk.core.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.ChangeDecision;
import org.billingsdk.core.subscription.ChangeTiming;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.Periods;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.subscription.SubscriptionSummary;
import org.billingsdk.core.subscription.Timeline;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link Subscription#advanceTo} on its own, thousands of cases a second: random plans (monthly or
 * yearly, with or without a trial and a contract), starts at any second of 2024 to 2030 (month ends
 * and leap days among them), cancellations scheduled at a trial's or term's end or anywhere, and
 * times up to six years on. What the billing run, the operations and the reads build on.
 */
class TimelineProperties {

    private static final int EXAMPLES = 20_000;
    private static final Instant EARLIEST = Instant.parse("2024-01-01T00:00:00Z");
    private static final long SPAN = Duration.ofDays(7 * 365).toSeconds();

    /** A subscription, its plan and a time to bring it to. */
    record Case(Subscription subscription, Plan plan, Instant now, Instant later) {
    }

    private static Gen<Case> cases() {
        return integers().between(0, 1).zip(integers().between(0, 2), integers().between(0, 3),
                (interval, trial, contract) -> new int[] {interval, trial, contract})
                .zip(longs().between(0, SPAN), integers().between(0, 5), longs().between(0, SPAN),
                        (plan, start, cancelKind, cancelAfter) -> new long[] {plan[0], plan[1], plan[2], start,
                                cancelKind, cancelAfter})
                .zip(longs().between(0, SPAN), longs().between(0, SPAN), (p, first, second) -> {
                    Plan plan = new Plan(PlanId.of("p"), ProductCode.of("edr"), Money.of(10, "EUR"),
                            p[0] == 0 ? BillingInterval.MONTHLY : BillingInterval.YEARLY,
                            new int[] {0, 1, 14}[(int) p[1]], new int[] {0, 1, 12, 24}[(int) p[2]]);
                    Instant start = EARLIEST.plusSeconds(p[3]);
                    Subscription subscription = Subscription.subscribe(SubscriptionId.random(), CompanyId.random(),
                            plan, EnvironmentId.of("env"), start);
                    Instant cancelAt = switch ((int) p[4]) {
                        case 0, 1 -> null;
                        case 2 -> subscription.trialEnd();
                        case 3 -> subscription.contractEnd();
                        default -> start.plusSeconds(p[5] / 3);
                    };
                    if (cancelAt != null) {
                        subscription = subscription.scheduleCancellation(cancelAt);
                    }
                    Instant now = start.plusSeconds(first / 4);
                    return new Case(subscription, plan, now, now.plusSeconds(second / 4));
                });
    }

    @Test
    void advancingAgainToTheSameTimeBringsNothing() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            Timeline once = c.subscription().advanceTo(c.now(), c.plan());
            Timeline again = once.after().advanceTo(c.now(), c.plan());

            assertThat(again.steps()).isEmpty();
            assertThat(again.after()).isSameAs(once.after());
        });
    }

    @Test
    void advancingInTwoGoesComesToWhereAdvancingInOneGoesDoes() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            Timeline first = c.subscription().advanceTo(c.now(), c.plan());
            Timeline second = first.after().advanceTo(c.later(), c.plan());
            Timeline direct = c.subscription().advanceTo(c.later(), c.plan());

            List<Timeline.Step> both = new ArrayList<>(first.steps());
            both.addAll(second.steps());
            assertThat(second.after()).isEqualTo(direct.after());
            assertThat(both).isEqualTo(direct.steps());
        });
    }

    @Test
    void stepsComeInTimeOrderByNowAndTheCancellationEndsThem() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            Timeline timeline = c.subscription().advanceTo(c.now(), c.plan());
            Instant previous = Instant.MIN;
            for (Timeline.Step step : timeline.steps()) {
                assertThat(step.at()).isAfterOrEqualTo(previous).isBeforeOrEqualTo(c.now());
                previous = step.at();
            }
            Instant cancelAt = c.subscription().cancelAt();
            boolean due = cancelAt != null && !cancelAt.isAfter(c.now());
            assertThat(timeline.cancelled()).isEqualTo(due);
            if (due) {
                assertThat(timeline.after().state()).isEqualTo(SubscriptionState.CANCELLED);
                assertThat(timeline.after().cancelledAt()).isEqualTo(cancelAt);
                assertThat(timeline.after().erasure()).isEqualTo(ErasureStatus.PENDING);
                assertThat(timeline.steps().stream().filter(Timeline.CancellationTookEffect.class::isInstance))
                        .hasSize(1);
            } else {
                assertThat(timeline.after().isCancelled()).isFalse();
            }
        });
    }

    /**
     * From the anchor on, one after the other without gap or overlap, each one billing interval
     * counted from the anchor; none in a trial, none from the cancellation's date on; every period
     * that started by now is invoiced.
     */
    @Test
    void periodsFollowEachOtherFromTheAnchorOutsideTheTrialAndBeforeTheCancellation() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            Subscription s = c.subscription();
            Timeline timeline = s.advanceTo(c.now(), c.plan());
            Instant expectedStart = s.billingAnchor();
            for (Timeline.PeriodStarted period : timeline.periodsStarted()) {
                assertThat(period.at()).isEqualTo(expectedStart);
                assertThat(period.end()).isEqualTo(
                        Periods.nextBoundaryAfter(s.billingAnchor(), c.plan().interval().months(), period.at()));
                if (s.trialEnd() != null) {
                    assertThat(period.at()).isAfterOrEqualTo(s.trialEnd());
                }
                if (s.cancelAt() != null) {
                    assertThat(period.at()).isBefore(s.cancelAt());
                }
                expectedStart = period.end();
            }
            boolean stoppedByCancellation = s.cancelAt() != null && !expectedStart.isBefore(s.cancelAt());
            if (!timeline.after().isCancelled() && !stoppedByCancellation) {
                assertThat(expectedStart).as("the next period has not started").isAfter(c.now());
            }
        });
    }

    @Test
    void aContractRenewsAtEachTermsEndUnlessTheCancellationIsScheduledThere() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            Subscription s = c.subscription();
            Timeline timeline = s.advanceTo(c.now(), c.plan());
            Instant end = s.contractEnd();
            for (Timeline.Step step : timeline.steps()) {
                if (step instanceof Timeline.ContractRenewed renewed) {
                    assertThat(renewed.at()).isEqualTo(end).isNotEqualTo(s.cancelAt());
                    end = Periods.nextBoundaryAfter(s.billingAnchor(), c.plan().contractMonths(), end);
                    assertThat(renewed.newEnd()).isEqualTo(end);
                }
            }
            assertThat(timeline.after().contractEnd()).isEqualTo(end);
            if (end != null && !timeline.after().isCancelled()) {
                assertThat(end).isAfter(c.now());
            }
        });
    }

    /** What the portal reads ({@link SubscriptionSummary#asOf}) is what the billing run writes. */
    @Test
    void aReadAsOfNowShowsWhatAdvancingToNowWrites() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            SubscriptionSummary read = SubscriptionSummary.of(c.subscription()).asOf(c.now(),
                    id -> c.plan());
            SubscriptionSummary written = SubscriptionSummary.of(c.subscription().advanceTo(c.now(), c.plan()).after());

            assertThat(read).isEqualTo(written);
        });
    }

    /**
     * What a store's query computes of the list's state and "something scheduled"
     * ({@link SubscriptionSummary#stateAt}, {@link SubscriptionSummary#hasScheduledAt}) is what the
     * portal reads ({@link SubscriptionSummary#asOf}), scheduled cancellations and trials included.
     */
    @Test
    public void theStateAndScheduleAStoreSelectsByAreWhatAReadAsOfNowShows() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            SubscriptionSummary stored = SubscriptionSummary.of(c.subscription());
            SubscriptionSummary read = stored.asOf(c.now(), id -> c.plan());

            assertThat(stored.stateAt(c.now())).isEqualTo(read.state());
            assertThat(stored.hasScheduledAt(c.now()))
                    .isEqualTo(read.scheduledCancellation() != null || read.scheduledChange() != null);
        });
    }

    /** The same with a change of plan scheduled, before and after its date. */
    @Test
    public void theStateAndScheduleAStoreSelectsByFollowAScheduledChange() {
        qt().withExamples(EXAMPLES / 4).forAll(changedCases()).checkAssert(c -> {
            SubscriptionSummary stored = SubscriptionSummary.of(c.subscription());
            for (Instant at : List.of(c.now(), c.later(), c.subscription().scheduledChange().effectiveOn(),
                    c.subscription().scheduledChange().effectiveOn().minusNanos(1_000))) {
                SubscriptionSummary read = stored.asOf(at, c.plans()::get);

                assertThat(stored.stateAt(at)).isEqualTo(read.state());
                assertThat(stored.hasScheduledAt(at))
                        .isEqualTo(read.scheduledCancellation() != null || read.scheduledChange() != null);
            }
        });
    }

    /** A subscription with a change scheduled by the rules, the plans it needs, and times to bring it to. */
    record Changed(Subscription subscription, Map<PlanId, Plan> plans, Instant now, Instant later) {
    }

    /**
     * Cases whose subscription (its cancellation removed) had a change to another plan of any
     * interval, trial and contract, and another quantity, scheduled by {@link Subscription#decideChange}
     * at some instant before {@code now} (at the end of the period or of the term), when the rules
     * scheduled it; the others are left out.
     */
    private static Gen<Changed> changedCases() {
        return cases().zip(integers().between(0, 1), integers().between(0, 3), longs().between(0, SPAN),
                (c, interval, contract, asked) -> {
                    Plan target = new Plan(PlanId.of("q"), ProductCode.of("edr"), Money.of(5, "EUR"),
                            interval == 0 ? BillingInterval.MONTHLY : BillingInterval.YEARLY, 0,
                            new int[] {0, 1, 12, 24}[contract], 1, 0);
                    Subscription s = c.subscription().withoutScheduledCancellation();
                    Instant at = s.startedAt().plusSeconds(asked % (1 + Duration.between(s.startedAt(), c.now())
                            .getSeconds()));
                    Subscription then = s.advanceTo(at, c.plan()).after();
                    ChangeDecision decision = then.decideChange(at, c.plan(), target, 3,
                            asked % 2 == 0 && then.underContractAt(at) ? ChangeTiming.END_OF_TERM
                                    : ChangeTiming.END_OF_PERIOD);
                    if (!(decision instanceof ChangeDecision.Scheduled scheduled)) {
                        return null;
                    }
                    return new Changed(then.scheduleChange(scheduled.change()), Map.of(c.plan().id(), c.plan(),
                            target.id(), target), c.now(), c.later());
                }).assuming(changed -> changed != null);
    }

    /**
     * With a scheduled change, what a read shows at {@code now} is what advancing to {@code now}
     * writes; advancing twice is advancing once; the change takes effect at its date, before
     * whatever else happens then, and the periods from it are on the new plan, counted from a new
     * anchor at the change when the interval changed.
     */
    @Test
    void aScheduledChangeTakesEffectAtItsDateAndAReadShowsWhatAdvancingWrites() {
        qt().withExamples(EXAMPLES / 4).forAll(changedCases()).checkAssert(c -> {
            Timeline once = c.subscription().advanceTo(c.now(), c.plans()::get);
            Timeline twice = once.after().advanceTo(c.later(), c.plans()::get);
            Timeline direct = c.subscription().advanceTo(c.later(), c.plans()::get);

            assertThat(SubscriptionSummary.of(c.subscription()).asOf(c.now(), c.plans()::get))
                    .isEqualTo(SubscriptionSummary.of(once.after()));
            assertThat(twice.after()).isEqualTo(direct.after());
            ScheduledChange change = c.subscription().scheduledChange();
            boolean due = !change.effectiveOn().isAfter(c.now());
            assertThat(once.after().planId()).isEqualTo(due ? change.planId() : c.subscription().planId());
            assertThat(once.after().quantity()).isEqualTo(due ? 3 : c.subscription().quantity());
            Plan before = c.plans().get(c.subscription().planId());
            Plan after = c.plans().get(change.planId());
            Instant anchor = after.interval() != before.interval() ? change.effectiveOn()
                    : c.subscription().billingAnchor();
            for (Timeline.Step step : once.steps()) {
                if (step instanceof Timeline.PeriodStarted period && !period.at().isBefore(change.effectiveOn())) {
                    assertThat(period.end()).isEqualTo(Periods.nextBoundaryAfter(anchor, after.interval().months(),
                            period.at()));
                }
                if (step.at().equals(change.effectiveOn()) && !(step instanceof Timeline.ChangeTookEffect)) {
                    assertThat(once.steps().stream().filter(Timeline.ChangeTookEffect.class::isInstance)
                            .findFirst().orElseThrow().at()).isEqualTo(change.effectiveOn());
                }
            }
        });
    }
}
