package org.billingsdk.core.port;

import org.billingsdk.core.event.BillingEvent;

/**
 * Where the host receives the SDK's domain events. Delivery is at least once and in the order the
 * events were stored: a sink may see an event again (after a failure, or from another node) and
 * should ignore repeats by {@link BillingEvent#eventId()}. A sink that throws gets the same event
 * again later. Called from the thread that made the change; keep it quick.
 */
@FunctionalInterface
public interface EventSink {

    void deliver(BillingEvent event);

    /** A sink that drops every event. */
    static EventSink discarding() {
        return event -> { };
    }
}
