package org.billingsdk.core.port;

import org.billingsdk.core.event.BillingEvent;

/**
 * Where the host receives the SDK's domain events. Delivery is at least once and in the order the
 * events were stored: a sink may see an event again (after a failure, or from another node) and
 * should ignore repeats by {@link BillingEvent#eventId()}. A sink that throws gets the same event
 * again later. Called after the change is committed, on the thread of an SDK operation (the one
 * that made the change, or one already delivering; during a billing run, a thread the run starts
 * for it and ends before it returns), by one thread of a node at a time; keep it quick.
 */
@FunctionalInterface
public interface EventSink {

    /**
     * Receives one event. Throwing (any {@code RuntimeException}) refuses it: the SDK logs the
     * failure, stops this round of delivery so that no later event overtakes it, and delivers it
     * again in a later round; the operation that made the change is not affected.
     *
     * @param event the event, never {@code null}
     */
    void deliver(BillingEvent event);

    /**
     * A sink that drops every event.
     *
     * @return a sink that does nothing
     */
    static EventSink discarding() {
        return event -> { };
    }
}
