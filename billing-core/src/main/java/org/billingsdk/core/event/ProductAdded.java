package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.catalog.ProductCode;

/** A product was added to the catalog. */
public record ProductAdded(UUID eventId, Instant occurredAt, ProductCode productCode) implements CatalogEvent {

    @Override
    public String describe() {
        return "product " + productCode + " added";
    }
}
