package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.catalog.ProductCode;

/** A product was added to the catalog. */
public record ProductAdded(UUID eventId, Instant occurredAt, ProductCode productCode) implements CatalogEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "ProductAdded";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "product " + productCode + " added";
    }
}
