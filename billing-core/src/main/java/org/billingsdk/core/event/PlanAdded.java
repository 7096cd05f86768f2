package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;

/** A plan was added to the catalog. */
public record PlanAdded(UUID eventId, Instant occurredAt, PlanId planId, ProductCode productCode) implements CatalogEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "PlanAdded";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "plan " + planId + " added for product " + productCode;
    }
}
