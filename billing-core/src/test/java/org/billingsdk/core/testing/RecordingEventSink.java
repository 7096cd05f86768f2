package org.billingsdk.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.port.EventSink;

/** An event sink that keeps what it receives; thread-safe. */
public final class RecordingEventSink implements EventSink {

    private final List<BillingEvent> events = new ArrayList<>();

    @Override
    public synchronized void deliver(BillingEvent event) {
        events.add(event);
    }

    public synchronized List<BillingEvent> events() {
        return List.copyOf(events);
    }

    public synchronized <T extends BillingEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized void clear() {
        events.clear();
    }
}
