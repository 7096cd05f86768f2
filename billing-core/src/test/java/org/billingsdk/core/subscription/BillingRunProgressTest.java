package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.Test;

class BillingRunProgressTest {

    @Test
    void aLongRunReportsItsProgressAfterEveryPageAndEndsWithTheFinalFigures() {
        BillingFixture fixture = BillingFixture.inMemory();
        Company acme = fixture.root("Acme");
        for (int i = 0; i < 1_100; i++) {
            fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        }
        Instant nextMonth = fixture.clock.instant().plus(Duration.ofDays(31));
        List<BillingRunReport> progress = new ArrayList<>();

        BillingRunReport report = fixture.billing.run(nextMonth, progress::add);

        assertThat(report.invoicesIssued()).isEqualTo(1_100);
        assertThat(progress).hasSizeGreaterThanOrEqualTo(3);
        assertThat(progress).map(BillingRunReport::subscriptionsExamined).isSorted()
                .startsWith(500, 1_000, 1_100);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(report);
    }
}
