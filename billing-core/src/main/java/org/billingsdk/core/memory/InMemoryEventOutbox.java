package org.billingsdk.core.memory;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.port.EventOutbox;

final class InMemoryEventOutbox implements EventOutbox {

    private final InMemoryStorage storage;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentSkipListMap<Long, BillingEvent> undelivered = new ConcurrentSkipListMap<>();
    private final Map<UUID, Long> positions = new ConcurrentHashMap<>();

    InMemoryEventOutbox(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public void append(BillingEvent event) {
        storage.write(() -> {
            long position = sequence.incrementAndGet();
            undelivered.put(position, event);
            positions.put(event.eventId(), position);
            return position;
        }, position -> {
            undelivered.remove(position);
            positions.remove(event.eventId());
        });
    }

    @Override
    public List<BillingEvent> findUndelivered(int limit) {
        return undelivered.values().stream().limit(limit).toList();
    }

    @Override
    public void markDelivered(Collection<UUID> eventIds) {
        Map<UUID, Long> removed = new HashMap<>();
        Map<Long, BillingEvent> events = new HashMap<>();
        storage.write(() -> {
            for (UUID id : eventIds) {
                Long position = positions.remove(id);
                if (position != null) {
                    BillingEvent event = undelivered.remove(position);
                    removed.put(id, position);
                    if (event != null) {
                        events.put(position, event);
                    }
                }
            }
            return removed;
        }, undone -> {
            positions.putAll(removed);
            undelivered.putAll(events);
        });
    }
}
