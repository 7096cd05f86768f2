package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;

/** A company's main email was changed. */
public record MainEmailChanged(UUID eventId, Instant occurredAt, CompanyId companyId) implements CompanyEvent {

    @Override
    public String describe() {
        return "main email changed";
    }
}
