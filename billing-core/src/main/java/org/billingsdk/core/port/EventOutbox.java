package org.billingsdk.core.port;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.billingsdk.core.event.BillingEvent;

/**
 * Keeps emitted events until they are delivered: events are appended in the same transaction as
 * the change they describe, and delivered from here afterwards, so none is lost. Thread-safe.
 */
public interface EventOutbox {

    void append(BillingEvent event);

    /** Appends events in this order; override to write them in one batch. */
    default void appendAll(List<BillingEvent> events) {
        events.forEach(this::append);
    }

    /** Up to {@code limit} undelivered events, oldest first. */
    List<BillingEvent> findUndelivered(int limit);

    /** Marks events delivered; unknown or already delivered ids are ignored. */
    void markDelivered(Collection<UUID> eventIds);
}
