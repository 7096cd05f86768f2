package org.billingsdk.core.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Calendar arithmetic for billing: days and months are counted in UTC. Month steps are always
 * taken from an anchor ({@code anchor + k months}), never chained, so that a period starting on
 * the 31st comes back to the 31st after a short month.
 */
public final class Periods {

    private Periods() {
    }

    /** The start (00:00 UTC) of the day {@code days} days after the day of {@code start}. */
    public static Instant startOfDayPlusDays(Instant start, int days) {
        return start.truncatedTo(ChronoUnit.DAYS).plus(days, ChronoUnit.DAYS);
    }

    /** {@code anchor} plus {@code months} calendar months in UTC, clamped to the month's end. */
    public static Instant plusMonths(Instant anchor, long months) {
        return ZonedDateTime.ofInstant(anchor, ZoneOffset.UTC).plusMonths(months).toInstant();
    }

    /**
     * The first boundary {@code anchor + k * stepMonths} (k &ge; 1) that is strictly after
     * {@code after}.
     */
    public static Instant nextBoundaryAfter(Instant anchor, int stepMonths, Instant after) {
        if (stepMonths <= 0) {
            throw new IllegalArgumentException("step must be at least one month");
        }
        ZonedDateTime start = ZonedDateTime.ofInstant(anchor, ZoneOffset.UTC);
        long elapsed = after.isAfter(anchor)
                ? ChronoUnit.MONTHS.between(start, ZonedDateTime.ofInstant(after, ZoneOffset.UTC)) : 0;
        long k = Math.max(1, elapsed / stepMonths);
        Instant boundary = plusMonths(anchor, k * stepMonths);
        while (!boundary.isAfter(after)) {
            k++;
            boundary = plusMonths(anchor, k * stepMonths);
        }
        return boundary;
    }
}
