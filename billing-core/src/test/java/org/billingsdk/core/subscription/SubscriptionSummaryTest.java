package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.ProductCode;
import org.javamoney.moneta.Money;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.CompanyId;
import org.junit.jupiter.api.Test;

/** {@link SubscriptionSummary#asOf}: what time makes of a stored subscription, before anything writes it. */
class SubscriptionSummaryTest {

    private static final Instant START = Instant.parse("2026-01-31T09:00:00Z");
    private static final Instant TRIAL_END = Instant.parse("2026-02-14T00:00:00Z");

    /** The plans by id: the monthly plan {@code edr}, with a contract of {@code contractMonths}. */
    private static Function<PlanId, Plan> edr(int contractMonths) {
        Plan plan = new Plan(PlanId.of("edr"), new ProductCode("edr"), Money.of(10, "EUR"), BillingInterval.MONTHLY, 0,
                contractMonths, 1, 0);
        return id -> plan;
    }

    private static SubscriptionSummary stored(SubscriptionState state, Instant anchor, Instant trialEnd,
            Instant contractEnd, Instant scheduledCancellation) {
        return new SubscriptionSummary(SubscriptionId.random(), CompanyId.random(), PlanId.of("edr"), 1, state,
                EnvironmentId.of("env-1"), START, anchor, trialEnd, contractEnd, scheduledCancellation, null, null,
                ErasureStatus.NOT_REQUESTED);
    }

    @Test
    void beforeAnythingIsDueItIsAsStored() {
        SubscriptionSummary trialing = stored(SubscriptionState.TRIALING, TRIAL_END, TRIAL_END, null, TRIAL_END);

        assertThat(trialing.asOf(TRIAL_END.minusNanos(1), edr(0))).isSameAs(trialing);
    }

    @Test
    void aTrialWhoseEndHasPassedIsOverAndKeepsItsEnd() {
        SubscriptionSummary trialing = stored(SubscriptionState.TRIALING, TRIAL_END, TRIAL_END, null, null);

        SubscriptionSummary now = trialing.asOf(TRIAL_END, edr(0));

        assertThat(now.state()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(now.trialEnd()).isEqualTo(TRIAL_END);
        assertThat(now.erasure()).isEqualTo(ErasureStatus.NOT_REQUESTED);
    }

    @Test
    void aCancellationScheduledAtTheTrialsEndWinsOverItsConversion() {
        SubscriptionSummary trialing = stored(SubscriptionState.TRIALING, TRIAL_END, TRIAL_END,
                Instant.parse("2027-02-14T00:00:00Z"), TRIAL_END);

        SubscriptionSummary now = trialing.asOf(TRIAL_END.plus(Duration.ofHours(1)), edr(12));

        assertThat(now.state()).isEqualTo(SubscriptionState.CANCELLED);
        assertThat(now.cancelledAt()).isEqualTo(TRIAL_END);
        assertThat(now.scheduledCancellation()).isNull();
        assertThat(now.erasure()).isEqualTo(ErasureStatus.PENDING);
        assertThat(now.contractEnd()).isEqualTo(Instant.parse("2027-02-14T00:00:00Z"));
    }

    @Test
    void eachEndedTermRenewsCountedFromTheAnchorSoThatTheLastDayOfAMonthIsKept() {
        SubscriptionSummary monthlyTerms = stored(SubscriptionState.ACTIVE, START, null,
                Instant.parse("2026-02-28T09:00:00Z"), null);

        SubscriptionSummary now = monthlyTerms.asOf(Instant.parse("2026-04-30T09:00:00Z"), edr(1));

        assertThat(now.contractEnd()).isEqualTo(Instant.parse("2026-05-31T09:00:00Z"));
        assertThat(now.state()).isEqualTo(SubscriptionState.ACTIVE);
    }

    @Test
    void aCancellationAtTheTermsEndTakesEffectAfterTheRenewalsBeforeIt() {
        Instant firstEnd = Instant.parse("2027-01-31T09:00:00Z");
        Instant secondEnd = Instant.parse("2028-01-31T09:00:00Z");
        SubscriptionSummary contract = stored(SubscriptionState.PAST_DUE, START, null, firstEnd, secondEnd);

        SubscriptionSummary renewedOnce = contract.asOf(firstEnd, edr(12));
        SubscriptionSummary ended = contract.asOf(secondEnd.plusSeconds(1), edr(12));

        assertThat(renewedOnce.state()).isEqualTo(SubscriptionState.PAST_DUE);
        assertThat(renewedOnce.contractEnd()).isEqualTo(secondEnd);
        assertThat(renewedOnce.scheduledCancellation()).isEqualTo(secondEnd);
        assertThat(ended.state()).isEqualTo(SubscriptionState.CANCELLED);
        assertThat(ended.cancelledAt()).isEqualTo(secondEnd);
        assertThat(ended.contractEnd()).isEqualTo(secondEnd);
    }

    @Test
    void aCancelledSubscriptionIsAsStored() {
        SubscriptionSummary cancelled = new SubscriptionSummary(SubscriptionId.random(), CompanyId.random(),
                PlanId.of("edr"), 1, SubscriptionState.CANCELLED, EnvironmentId.of("env-1"), START, START, null, null,
                null, null, START, ErasureStatus.CONFIRMED);

        assertThat(cancelled.asOf(START.plus(Duration.ofDays(400)), edr(12))).isSameAs(cancelled);
    }
}
