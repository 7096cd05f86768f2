package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/** A product was added to the catalog. */
public record ProductAdded(UUID eventId, Instant occurredAt, ProductCode productCode) implements CatalogEvent {

    @Override
    public String describe() {
        return "product " + productCode + " added";
    }
}
