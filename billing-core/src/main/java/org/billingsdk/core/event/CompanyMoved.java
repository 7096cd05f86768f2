package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;

/** A company was moved under another parent in the same tree. */
public record CompanyMoved(UUID eventId, Instant occurredAt, CompanyId companyId, CompanyId fromParentId, CompanyId toParentId) implements CompanyEvent {

    @Override
    public String describe() {
        return "moved from " + fromParentId + " to " + toParentId;
    }
}
