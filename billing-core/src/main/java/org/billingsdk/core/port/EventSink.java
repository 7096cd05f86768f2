package org.billingsdk.core.port;

import org.billingsdk.core.event.BillingEvent;

/**
 * Where the host receives the SDK's domain events. Delivery is at least once and in the order the
 * events were stored: a sink may see an event again (after a failure, or from another node) and
 * should ignore repeats by {@link BillingEvent#eventId()}. A sink that throws gets the same event
 * again later. Called after the change is committed, by one thread of a node at a time: the
 * thread of the SDK operation that made the change, or of one already delivering, or one a billing
 * run starts to deliver its pages' events meanwhile (and ends before it returns). So do not rely
 * on the state of the thread that made the change (a logging MDC, say). Keep it quick.
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
