package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A plan was added to the catalog. */
public record PlanAdded(UUID eventId, Instant occurredAt, PlanId planId, ProductCode productCode) implements CatalogEvent {

    @Override
    public String describe() {
        return "plan " + planId + " added for product " + productCode;
    }
}
