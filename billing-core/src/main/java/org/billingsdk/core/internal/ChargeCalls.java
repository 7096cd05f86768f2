package org.billingsdk.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the provider's charges are made: on the caller's thread one after the other, or on up to
 * {@code inFlight} threads at once (the node's calls in flight, whatever the number of database
 * workers), each waiting for the provider's declared rate first. The threads are made when first
 * needed and end when idle. Thread-safe.
 */
final class ChargeCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ChargeCalls.class);

    private final int inFlight;
    private final RateLimiter rate;
    private volatile ThreadPoolExecutor pool;

    /**
     * @param inFlight the most calls at once, 1 or more
     * @param chargesPerSecond the provider's declared rate, or 0 for none
     */
    ChargeCalls(int inFlight, double chargesPerSecond) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("at least one charge in flight, not " + inFlight);
        }
        this.inFlight = inFlight;
        this.rate = chargesPerSecond > 0 ? new RateLimiter(chargesPerSecond) : null;
    }

    /**
     * Runs every group, each one's calls one after the other (a company's charges, so that its
     * customer at the provider is made once), the groups at once up to the calls in flight. Returns
     * when every group has ended. If the caller is interrupted meanwhile it returns at once, with
     * the interrupt kept: the groups that did not end go on or are dropped, and what they had not
     * answered stays claimed, to be reconciled under its own key.
     */
    void runAll(List<List<Runnable>> groups) {
        if (inFlight == 1 || groups.size() < 2) {
            groups.forEach(group -> group.forEach(this::call));
            return;
        }
        ThreadPoolExecutor executor = pool();
        List<Future<?>> running = new ArrayList<>(groups.size());
        for (List<Runnable> group : groups) {
            running.add(executor.submit(() -> group.forEach(this::call)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(left -> left.cancel(false));
                LOG.warn("Interrupted while charging; the charges not answered yet are reconciled later");
                return;
            } catch (ExecutionException e) {
                // A call's own failure is its outcome (unknown); this is a failure of the group's loop.
                LOG.error("A group of charges failed; those not answered are reconciled later", e.getCause());
            }
        }
    }

    /**
     * Makes one call on the caller's thread at the declared rate.
     *
     * @return its answer, or {@code null} if interrupted while waiting for its turn
     */
    <T> T one(Supplier<T> call) {
        if (rate != null && !rate.acquire()) {
            return null;
        }
        return call.get();
    }

    private void call(Runnable charge) {
        if (rate != null && !rate.acquire()) {
            return; // interrupted while waiting: left claimed, reconciled later
        }
        charge.run();
    }

    private ThreadPoolExecutor pool() {
        ThreadPoolExecutor existing = pool;
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            if (pool == null) {
                AtomicInteger sequence = new AtomicInteger();
                ThreadPoolExecutor created = new ThreadPoolExecutor(inFlight, inFlight, 30, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), work -> {
                            Thread thread = new Thread(work, "billing-charge-" + sequence.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
                created.allowCoreThreadTimeOut(true);
                pool = created;
            }
            return pool;
        }
    }

    /**
     * A steady pace of calls: one every {@code 1 / perSecond} seconds, reserved in turn, so that
     * callers at once wait one after the other and the rate never exceeds the declared one.
     */
    static final class RateLimiter {

        private final long intervalNanos;
        private long next = System.nanoTime();

        RateLimiter(double perSecond) {
            this.intervalNanos = Math.max(1, (long) (1_000_000_000L / perSecond));
        }

        /** Waits for this call's turn; false if interrupted meanwhile (the interrupt kept). */
        boolean acquire() {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                long slot = Math.max(next, now);
                next = slot + intervalNanos;
                wait = slot - now;
            }
            if (wait <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
