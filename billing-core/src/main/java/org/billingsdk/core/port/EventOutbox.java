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

    /**
     * Appends one event behind those already waiting. The SDK calls it inside the transaction of
     * the change the event describes, so a rolled-back change leaves no event.
     *
     * @param event the event; it must come back from {@link #findUndelivered} equal to itself,
     *     whatever its type, with its text verbatim and empty optional fields empty
     */
    void append(BillingEvent event);

    /**
     * Appends events in this order; override to write them in one batch.
     *
     * @param events the events of one operation, several of which may share one instant
     */
    default void appendAll(List<BillingEvent> events) {
        events.forEach(this::append);
    }

    /**
     * The undelivered events, oldest first: in the order they were appended, not merely by their
     * time, since one operation emits several events of one instant.
     *
     * @param limit the most events to answer
     * @return the first {@code limit} undelivered events, or an empty list when none waits
     */
    List<BillingEvent> findUndelivered(int limit);

    /**
     * Marks events delivered, so that {@link #findUndelivered} answers them no more (an
     * implementation may delete them); the others keep their order. Rolled back with the
     * transaction it runs in.
     *
     * @param eventIds the {@link BillingEvent#eventId()}s of the delivered events, possibly empty
     *     or with repeats; unknown or already delivered ids are ignored
     */
    void markDelivered(Collection<UUID> eventIds);
}
