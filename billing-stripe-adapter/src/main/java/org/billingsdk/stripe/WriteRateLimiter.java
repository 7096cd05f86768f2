package org.billingsdk.stripe;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces write requests evenly so that no more than the configured number start in any second:
 * each caller reserves the next free slot and waits for it outside the lock. Thread-safe.
 */
final class WriteRateLimiter {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextFree;

    WriteRateLimiter(double permitsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("the write rate must be a positive number of requests per second");
        }
        this.intervalNanos = Math.max(1, (long) (1_000_000_000L / permitsPerSecond));
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.nextFree = nanoTime.getAsLong();
    }

    /** Waits for the caller's slot. */
    void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long slot = Math.max(now, nextFree);
            nextFree = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }
}
