package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The next billing boundary: the first {@code anchor + k * step} months (k at least 1) strictly
 * after a moment, and the running period's start, the last one (k at least 0) at or before it,
 * checked against counting the boundaries one by one, including anchors on the
 * 29th to 31st, leap days and moments before the anchor.
 */
class PeriodsTest {

    private static final Instant FROM = Instant.parse("2023-01-01T00:00:00Z");
    private static final long SPAN_SECONDS = Duration.ofDays(365L * 6).toSeconds();

    @Test
    void theNextBoundaryIsTheFirstStepOfTheAnchorAfterTheMoment() {
        Random random = new Random(20261126L);
        for (int i = 0; i < 20_000; i++) {
            Instant anchor = randomInstant(random);
            int step = new int[] {1, 1, 3, 12, 24}[random.nextInt(5)];
            Instant after = random.nextInt(10) == 0 ? anchor : randomInstant(random);

            assertThat(Periods.nextBoundaryAfter(anchor, step, after))
                    .as("anchor %s, step %d, after %s", anchor, step, after)
                    .isEqualTo(countedBoundary(anchor, step, after));
        }
    }

    @Test
    void theRunningPeriodStartsAtTheLastStepOfTheAnchorAtOrBeforeTheMoment() {
        Random random = new Random(20261207L);
        for (int i = 0; i < 20_000; i++) {
            Instant anchor = randomInstant(random);
            int step = new int[] {1, 1, 3, 12, 24}[random.nextInt(5)];
            Instant at = random.nextInt(10) == 0 ? anchor : randomInstant(random);
            if (at.isBefore(anchor)) {
                continue;
            }
            Instant counted = anchor;
            for (long k = 1; !Periods.plusMonths(anchor, k * step).isAfter(at); k++) {
                counted = Periods.plusMonths(anchor, k * step);
            }

            assertThat(Periods.boundaryAtOrBefore(anchor, step, at))
                    .as("anchor %s, step %d, at %s", anchor, step, at)
                    .isEqualTo(counted);
        }
    }

    @Test
    void aMonthlyAnchorOnThe31stComesBackToThe31stAfterAShortMonth() {
        Instant anchor = Instant.parse("2026-01-31T10:00:00Z");

        assertThat(Periods.nextBoundaryAfter(anchor, 1, Instant.parse("2026-02-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
        assertThat(Periods.nextBoundaryAfter(anchor, 1, Instant.parse("2026-02-28T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
    }

    private static Instant countedBoundary(Instant anchor, int step, Instant after) {
        for (long k = 1; ; k++) {
            Instant boundary = Periods.plusMonths(anchor, k * step);
            if (boundary.isAfter(after)) {
                return boundary;
            }
        }
    }

    private static Instant randomInstant(Random random) {
        return FROM.plusSeconds((long) (random.nextDouble() * SPAN_SECONDS));
    }
}
