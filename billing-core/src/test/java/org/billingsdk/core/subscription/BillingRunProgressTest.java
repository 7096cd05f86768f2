package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.Test;

class BillingRunProgressTest {

    @Test
    void aLongRunReportsItsProgressAfterEveryPageAndEndsWithTheFinalFigures() {
        BillingFixture fixture = BillingFixture.inMemory();
        Company acme = fixture.root("Acme");
        for (int i = 0; i < 2_100; i++) {
            fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        }
        Instant nextMonth = fixture.clock.instant().plus(Duration.ofDays(31));
        List<BillingRunReport> progress = new ArrayList<>();

        BillingRunReport report = fixture.billing.run(nextMonth, progress::add);

        assertThat(report.invoicesIssued()).isEqualTo(2_100);
        assertThat(progress).hasSizeGreaterThanOrEqualTo(3);
        assertThat(progress).map(BillingRunReport::subscriptionsExamined).isSorted()
                .startsWith(1_000, 2_000, 2_100);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(report);
    }

    @Test
    void aProgressFailureOnAWorkerEndsTheRunReachesTheCallerAndTheNextRunDoesTheRestOnce() {
        BillingFixture fixture = BillingFixture.builder().billingRunWorkers(3).build();
        Company acme = fixture.root("Acme");
        for (int i = 0; i < 4_600; i++) {
            fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        }
        Instant nextMonth = fixture.clock.instant().plus(Duration.ofDays(31));
        IllegalStateException stop = new IllegalStateException("the progress line's terminal went away");

        assertThatThrownBy(() -> fixture.billing.run(nextMonth, progress -> {
            throw stop;
        })).isSameAs(stop);

        BillingRunReport rest = fixture.billing.run(nextMonth);
        assertThat(rest.invoicesIssued()).isBetween(1, 4_600 - 1_000);
        assertThat(fixture.payments.distinctCharges()).as("every subscription charged twice, once a month")
                .isEqualTo(2 * 4_600);
        assertThat(fixture.billing.run(nextMonth).invoicesIssued()).isZero();
    }

    @Test
    void anInterruptedRunStopsAfterItsPageKeepsTheInterruptAndTheNextRunDoesTheRestChargingEachOnce() {
        BillingFixture fixture = BillingFixture.inMemory();
        Company acme = fixture.root("Acme");
        for (int i = 0; i < 2_100; i++) {
            fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        }
        Instant nextMonth = fixture.clock.instant().plus(Duration.ofDays(31));
        Thread caller = Thread.currentThread();

        BillingRunReport report;
        try {
            report = fixture.billing.run(nextMonth, progress -> caller.interrupt());
        } finally {
            assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
        }

        assertThat(report.invoicesIssued()).as("the first page, done and charged").isEqualTo(1_000);
        assertThat(report.paymentsSucceeded()).isEqualTo(1_000);
        BillingRunReport rest = fixture.billing.run(nextMonth);
        assertThat(rest.invoicesIssued()).isEqualTo(1_100);
        assertThat(fixture.payments.distinctCharges()).as("every subscription charged twice, once a month")
                .isEqualTo(2 * 2_100);
    }

    @Test
    void anInterruptedRunWithWorkersStopsThemAtTheirNextPageAndTheNextRunDoesTheRestChargingEachOnce() {
        BillingFixture fixture = BillingFixture.builder().billingRunWorkers(2).build();
        Company acme = fixture.root("Acme");
        for (int i = 0; i < 4_600; i++) {
            fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        }
        Instant nextMonth = fixture.clock.instant().plus(Duration.ofDays(31));
        Thread caller = Thread.currentThread();

        BillingRunReport report;
        try {
            // On the first page's progress. Until the caller's thread wakes and tells them to stop,
            // each worker may end its page and take one more: on two busy cores the caller may wake
            // after both have (CI saw 4 pages of the 5).
            report = fixture.billing.run(nextMonth, progress -> caller.interrupt());
        } finally {
            assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
        }

        assertThat(report.invoicesIssued()).as("stopped before the last page").isBetween(1_000, 4_000);
        assertThat(report.paymentsSucceeded()).isEqualTo(report.invoicesIssued());
        BillingRunReport rest = fixture.billing.run(nextMonth);
        assertThat(report.invoicesIssued() + rest.invoicesIssued()).isEqualTo(4_600);
        assertThat(fixture.payments.distinctCharges()).as("every subscription charged twice, once a month")
                .isEqualTo(2 * 4_600);
    }

    @Test
    void theBuilderRefusesAWorkerCountOutsideOneToSixtyFour() {
        assertThatThrownBy(() -> Billing.builder().billingRunWorkers(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 64, not 0");
        assertThatThrownBy(() -> Billing.builder().billingRunWorkers(65))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 64, not 65");
    }
}
