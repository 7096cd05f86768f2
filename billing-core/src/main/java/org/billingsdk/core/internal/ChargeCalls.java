package org.billingsdk.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the provider's charges are made: on up to {@code inFlight} threads of the node at once
 * (whatever the number of database workers), each call waiting for the provider's declared rate
 * first, and none waited for longer than the time-out. A call that outlasts it is abandoned: its
 * thread is left to end on its own, a new one takes its place, and what it and the rest of its
 * group had not answered stays claimed, to be reconciled under its own key. The threads are made
 * when first needed and end when idle. Thread-safe.
 */
final class ChargeCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ChargeCalls.class);

    /** How often a waiting caller looks for calls past their time-out at the latest. */
    private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** A charge to make and what it is, for the log when it gets no answer in time. */
    record Call(String what, Runnable run) {
    }

    private final int inFlight;
    private final RateLimiter rate;
    private final long timeoutNanos;
    private final Duration timeout;
    private volatile ThreadPoolExecutor pool;

    /**
     * @param inFlight the most calls at once, 1 or more
     * @param chargesPerSecond the provider's declared rate, or 0 for none
     * @param timeout how long a call is waited for at most; positive
     */
    ChargeCalls(int inFlight, double chargesPerSecond, Duration timeout) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("at least one charge in flight, not " + inFlight);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the charge time-out must be positive, not " + timeout);
        }
        this.inFlight = inFlight;
        this.rate = chargesPerSecond > 0 ? new RateLimiter(chargesPerSecond) : null;
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * Runs every group, each one's calls one after the other (a company's charges, so that its
     * customer at the provider is made once), the groups at once up to the calls in flight. Returns
     * when every group has ended or been abandoned: a group whose call outlasts the time-out makes
     * no further call. If the caller is interrupted meanwhile it returns at once, with the
     * interrupt kept, and no group makes a further call. Either way, what was not answered stays
     * claimed, to be reconciled under its own key.
     */
    void runAll(List<List<Call>> groups) {
        if (groups.isEmpty()) {
            return;
        }
        BlockingQueue<Group> ended = new LinkedBlockingQueue<>();
        List<Group> open = new ArrayList<>(groups.size());
        ThreadPoolExecutor executor = pool();
        for (List<Call> calls : groups) {
            Group group = new Group(calls, ended);
            open.add(group);
            executor.execute(group);
        }
        try {
            while (!open.isEmpty()) {
                Group done = ended.poll(untilFirstDeadline(open), TimeUnit.NANOSECONDS);
                if (done != null) {
                    open.remove(done);
                }
                abandonOverdue(open);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open.forEach(Group::stop);
            LOG.warn("Interrupted while charging; the charges not answered yet are reconciled later");
        }
    }

    /**
     * Makes one call at the declared rate, as a group of its own.
     *
     * @return its answer, or {@code null} if it got none in time or the caller was interrupted
     */
    <T> T one(String what, Supplier<T> call) {
        List<T> answer = new ArrayList<>(1);
        runAll(List.of(List.of(new Call(what, () -> {
            T value = call.get();
            synchronized (answer) {
                answer.add(value);
            }
        }))));
        synchronized (answer) {
            return answer.isEmpty() ? null : answer.get(0);
        }
    }

    private long untilFirstDeadline(List<Group> open) {
        long now = System.nanoTime();
        long wait = LOOK_NANOS;
        for (Group group : open) {
            long started = group.callStarted;
            if (started != 0) {
                wait = Math.min(wait, Math.max(0, started + timeoutNanos - now));
            }
        }
        return wait;
    }

    private void abandonOverdue(List<Group> open) {
        long now = System.nanoTime();
        for (var iterator = open.iterator(); iterator.hasNext(); ) {
            Group group = iterator.next();
            long started = group.callStarted;
            if (started != 0 && now - started >= timeoutNanos && group.abandon()) {
                iterator.remove();
                LOG.warn("{} got no answer within {}; it and its company's charges after it in this batch stay"
                        + " claimed and are reconciled under their keys", group.current, timeout);
                widen();
            }
        }
    }

    /** {@return the threads the calls may use now: the calls in flight, and one per abandoned call still running} */
    int threads() {
        return pool().getMaximumPoolSize();
    }

    /** A thread left to a call that outlasts its time-out is replaced while it lasts. */
    private void widen() {
        ThreadPoolExecutor executor = pool();
        synchronized (executor) {
            executor.setMaximumPoolSize(executor.getMaximumPoolSize() + 1);
            executor.setCorePoolSize(executor.getCorePoolSize() + 1);
        }
    }

    /** The abandoned call's thread has ended: its place is given back. */
    private void narrow() {
        ThreadPoolExecutor executor = pool();
        synchronized (executor) {
            executor.setCorePoolSize(executor.getCorePoolSize() - 1);
            executor.setMaximumPoolSize(executor.getMaximumPoolSize() - 1);
        }
    }

    /** One group's calls, made one after the other on a thread of the pool. */
    private final class Group implements Runnable {

        private static final int RUNNING = 0;
        private static final int ENDED = 1;
        private static final int STOPPED = 2;
        private static final int ABANDONED = 3;

        private final List<Call> calls;
        private final BlockingQueue<Group> ended;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        /** When the call being made began ({@link System#nanoTime()}), or 0 between calls. */
        private volatile long callStarted;
        private volatile String current = "A charge";

        Group(List<Call> calls, BlockingQueue<Group> ended) {
            this.calls = calls;
            this.ended = ended;
        }

        @Override
        public void run() {
            try {
                for (Call call : calls) {
                    if (state.get() != RUNNING || (rate != null && !rate.acquire()) || state.get() != RUNNING) {
                        return; // stopped, or interrupted while waiting: left claimed, reconciled later
                    }
                    current = call.what();
                    callStarted = Math.max(1, System.nanoTime());
                    try {
                        call.run().run();
                    } finally {
                        callStarted = 0;
                    }
                }
            } catch (RuntimeException | Error e) {
                // A call's own failure is its outcome (unknown); this is a failure of the group's loop.
                LOG.error("A group of charges failed; those not answered are reconciled later", e);
            } finally {
                if (!state.compareAndSet(RUNNING, ENDED) && state.get() == ABANDONED) {
                    narrow();
                }
                ended.add(this);
            }
        }

        /** No further call; true if it was still running. */
        boolean abandon() {
            return state.compareAndSet(RUNNING, ABANDONED);
        }

        void stop() {
            state.compareAndSet(RUNNING, STOPPED);
        }
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
