package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;

/** A company's main email was changed. */
public record MainEmailChanged(UUID eventId, Instant occurredAt, CompanyId companyId) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "MainEmailChanged";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "main email changed";
    }
}
