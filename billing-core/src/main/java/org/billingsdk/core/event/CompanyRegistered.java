package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;

/** A company was registered, as the root of a tree or as a child (then {@code parentId} is set). */
public record CompanyRegistered(UUID eventId, Instant occurredAt, CompanyId companyId, CompanyId parentId, String name) implements CompanyEvent {

    @Override
    public String describe() {
        return "company registered" + (parentId == null ? "" : " under " + parentId);
    }
}
