package org.billingsdk.core.subscription;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Calendar arithmetic for billing: days and months are counted in UTC; thread-safe, no state. Month steps are always
 * taken from an anchor ({@code anchor + k months}), never chained, so that a period starting on
 * the 31st comes back to the 31st after a short month.
 */
public final class Periods {

    private Periods() {
    }

    /**
     * The start (00:00 UTC) of the day {@code days} days after the day of {@code start}: where a
     * trial of that many days ends.
     *
     * @param start when the count starts; not null
     * @param days how many days on
     * @return midnight UTC of that day
     */
    public static Instant startOfDayPlusDays(Instant start, int days) {
        return start.truncatedTo(ChronoUnit.DAYS).plus(days, ChronoUnit.DAYS);
    }

    /**
     * {@code anchor} plus {@code months} calendar months in UTC, clamped to the month's end.
     *
     * @param anchor where to count from; not null
     * @param months how many months on
     * @return the instant, at the anchor's time of day
     */
    public static Instant plusMonths(Instant anchor, long months) {
        return utc(anchor).plusMonths(months).toInstant(ZoneOffset.UTC);
    }

    /** The UTC date and time of {@code instant} (without the zone rules a {@code ZonedDateTime} builds each time). */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    }

    /**
     * The first boundary {@code anchor + k * stepMonths} (k &ge; 1) that is strictly after
     * {@code after}: the end of the billing period or contract term running at {@code after}.
     *
     * @param anchor where the periods are counted from; not null
     * @param stepMonths the period's length in months, 1 or more
     * @param after the instant the boundary must be after; not null
     * @return the boundary
     * @throws IllegalArgumentException if {@code stepMonths} is below 1
     */
    public static Instant nextBoundaryAfter(Instant anchor, int stepMonths, Instant after) {
        if (stepMonths <= 0) {
            throw new IllegalArgumentException("step must be at least one month");
        }
        LocalDateTime start = utc(anchor);
        LocalDateTime end = utc(after);
        // Whole months from anchor to after are the calendar months between them, or one fewer:
        // start from below the answer and step up.
        long calendarMonths = (end.getYear() - start.getYear()) * 12L + end.getMonthValue() - start.getMonthValue();
        long k = Math.max(1, (calendarMonths - 1) / stepMonths);
        Instant boundary = start.plusMonths(k * stepMonths).toInstant(ZoneOffset.UTC);
        while (!boundary.isAfter(after)) {
            k++;
            boundary = start.plusMonths(k * stepMonths).toInstant(ZoneOffset.UTC);
        }
        return boundary;
    }

    /**
     * The last boundary {@code anchor + k * stepMonths} (k &ge; 0) at or before {@code at}: the start
     * of the billing period or contract term running at {@code at}.
     *
     * @param anchor where the periods are counted from; not null
     * @param stepMonths the period's length in months, 1 or more
     * @param at an instant at or after {@code anchor}
     * @return the boundary
     * @throws IllegalArgumentException if {@code stepMonths} is below 1 or {@code at} is before {@code anchor}
     */
    public static Instant boundaryAtOrBefore(Instant anchor, int stepMonths, Instant at) {
        if (at.isBefore(anchor)) {
            throw new IllegalArgumentException("no period has started at " + at + ", before " + anchor);
        }
        Instant end = nextBoundaryAfter(anchor, stepMonths, at);
        LocalDateTime start = utc(anchor);
        LocalDateTime last = utc(at);
        long k = Math.max(0, ((last.getYear() - start.getYear()) * 12L + last.getMonthValue() - start.getMonthValue())
                / stepMonths + 1);
        Instant boundary = start.plusMonths(k * stepMonths).toInstant(ZoneOffset.UTC);
        while (k > 0 && (boundary.isAfter(at) || !boundary.isBefore(end))) {
            k--;
            boundary = start.plusMonths(k * stepMonths).toInstant(ZoneOffset.UTC);
        }
        return boundary;
    }

    /**
     * Where a contract term that starts at {@code start}, in mid-way through the terms counted from
     * {@code anchor}, ends: on the first term boundary {@code anchor + k * termMonths} at least a
     * full term after {@code start}, so that the terms after it renew on the anchor's boundaries,
     * each a full term long.
     *
     * @param anchor where the terms are counted from; not null
     * @param termMonths the term's length in months, 1 or more
     * @param start when the term starts, at or after {@code anchor}
     * @return the term's end, {@code termMonths} to {@code 2 * termMonths} after {@code start}
     */
    public static Instant firstTermEnd(Instant anchor, int termMonths, Instant start) {
        return nextBoundaryAfter(anchor, termMonths, plusMonths(start, termMonths).minusNanos(1));
    }
}
