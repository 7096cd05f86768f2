package org.billingsdk.core.memory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.port.EventOutbox;

final class InMemoryEventOutbox implements EventOutbox {

    private final InMemoryStorage storage;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentSkipListMap<Long, BillingEvent> undelivered = new ConcurrentSkipListMap<>();
    private final Map<UUID, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();

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
        for (UUID id : eventIds) {
            Long position = positions.get(id);
            if (position == null) {
                continue;
            }
            BillingEvent event = undelivered.get(position);
            if (event == null) {
                continue;
            }
            storage.write(() -> undelivered.remove(position), removed -> undelivered.put(position, event));
        }
    }
}
