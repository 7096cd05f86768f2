package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;

/** A company was registered, as the root of a tree or as a child (then {@code parentId} is set). */
public record CompanyRegistered(UUID eventId, Instant occurredAt, CompanyId companyId, CompanyId parentId, String name) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "CompanyRegistered";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "company registered" + (parentId == null ? "" : " under " + parentId);
    }
}
