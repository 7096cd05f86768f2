package org.billingsdk.core.company;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The day of the month (1 to 28, so that every month has it) on which a payer is billed: the
 * subscriptions it pays have their periods start on that day at 00:00 UTC, and the billing run
 * issues the payer one consolidated invoice for them each time it comes. Immutable and
 * thread-safe.
 *
 * @param dayOfMonth 1 to 28
 */
public record BillingDay(int dayOfMonth) {

    /** The first day a billing day may fall on. */
    public static final int FIRST = 1;

    /** The last day a billing day may fall on: the last day every month has. */
    public static final int LAST = 28;

    /**
     * @param dayOfMonth 1 to 28
     * @throws IllegalArgumentException if it is outside 1 to 28
     */
    public BillingDay {
        if (dayOfMonth < FIRST || dayOfMonth > LAST) {
            throw new IllegalArgumentException("a billing day is a day of the month from " + FIRST + " to " + LAST
                    + ", not " + dayOfMonth);
        }
    }

    /**
     * {@return the billing day on the given day of the month}
     *
     * @param dayOfMonth 1 to 28
     * @throws IllegalArgumentException if it is outside 1 to 28
     */
    public static BillingDay of(int dayOfMonth) {
        return new BillingDay(dayOfMonth);
    }

    /**
     * {@return whether {@code instant} is this day of a month at 00:00 UTC: where an aligned
     * period starts}
     *
     * @param instant not null
     */
    public boolean startsAt(Instant instant) {
        return instant.getNano() == 0 && instant.getEpochSecond() % 86_400 == 0
                && LocalDate.ofInstant(instant, ZoneOffset.UTC).getDayOfMonth() == dayOfMonth;
    }

    /**
     * {@return the first occurrence of this day at 00:00 UTC strictly after {@code instant}: where
     * a period started at {@code instant} ends to be aligned} At most a month after it.
     *
     * @param instant not null
     */
    public Instant nextAfter(Instant instant) {
        LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        LocalDate candidate = date.withDayOfMonth(dayOfMonth);
        Instant at = candidate.atStartOfDay(ZoneOffset.UTC).toInstant();
        return at.isAfter(instant) ? at : candidate.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
