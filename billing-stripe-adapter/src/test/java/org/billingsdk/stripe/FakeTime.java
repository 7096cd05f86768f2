package org.billingsdk.stripe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Monotonic time that moves only when the adapter "sleeps"; records every wait. Thread-safe. */
final class FakeTime implements Sleeper {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Duration> waits = new ArrayList<>();

    long nanoTime() {
        return nanos.get();
    }

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
        nanos.addAndGet(duration.toNanos());
    }

    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    synchronized Duration totalWaited() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }

    synchronized void clear() {
        waits.clear();
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
