package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;

/**
 * A payer's billing day was set, changed or cleared: the subscriptions it pays align to the new
 * day at their next period's start (the period up to the day is prorated), and are then billed on
 * one consolidated invoice each time the day comes.
 *
 * @param eventId the event's id
 * @param occurredAt when it was recorded
 * @param companyId the payer
 * @param fromDay the day of the month before, or {@code null} for none
 * @param toDay the day of the month from now on, or {@code null} for none
 */
public record BillingDayChanged(UUID eventId, Instant occurredAt, CompanyId companyId, Integer fromDay,
        Integer toDay) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "BillingDayChanged";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "billing day changed from " + (fromDay == null ? "none" : "day " + fromDay) + " to "
                + (toDay == null ? "none" : "day " + toDay);
    }
}
