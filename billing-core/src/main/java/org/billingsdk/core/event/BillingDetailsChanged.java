package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;

/** A company's billing details (billing email, VAT number, addresses) were changed. */
public record BillingDetailsChanged(UUID eventId, Instant occurredAt, CompanyId companyId) implements CompanyEvent {

    @Override
    public String describe() {
        return "billing details changed";
    }
}
