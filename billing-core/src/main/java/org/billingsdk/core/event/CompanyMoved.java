package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A company was moved under another parent in the same tree. */
public record CompanyMoved(UUID eventId, Instant occurredAt, CompanyId companyId, CompanyId fromParentId, CompanyId toParentId) implements CompanyEvent {

    @Override
    public String describe() {
        return "moved from " + fromParentId + " to " + toParentId;
    }
}
