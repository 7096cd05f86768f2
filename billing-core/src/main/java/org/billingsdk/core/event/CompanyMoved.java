package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;

/** A company was moved under another parent in the same tree. */
public record CompanyMoved(UUID eventId, Instant occurredAt, CompanyId companyId, CompanyId fromParentId, CompanyId toParentId) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "CompanyMoved";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "moved from " + fromParentId + " to " + toParentId;
    }
}
