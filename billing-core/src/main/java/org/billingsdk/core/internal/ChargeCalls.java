package org.billingsdk.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the provider's charges are made. A batch's calls run on up to {@code inFlight} threads of
 * the node at once (whatever the number of database workers), each call waiting for the
 * provider's declared rate first; once a call has begun it is waited for at most the time-out (the
 * time a call waits for a thread or for its turn at the rate is not counted). A call that outlasts
 * it is abandoned: its thread is left to end on its own and, while it lasts, another thread takes
 * its place (up to {@code inFlight} such places; beyond, the node has fewer calls in flight until
 * the abandoned ones end). What an abandoned group had not answered stays claimed, to be
 * reconciled under its own key. A single call ({@link #one}) runs apart from the batches, so that
 * an operation's charge never waits behind a billing run's. Thread-safe.
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
    private volatile ThreadPoolExecutor singles;
    /** Abandoned groups whose threads have not ended yet; guarded by {@code this}. */
    private int abandoned;

    /**
     * @param inFlight the most calls at once, 1 or more
     * @param chargesPerSecond the provider's declared rate, or 0 for none
     * @param timeout how long a call is waited for at most once begun; positive
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
     * interrupt kept, and every group still open is abandoned the same way. Either way, what was
     * not answered stays claimed, to be reconciled under its own key.
     *
     * @throws Error an {@code Error} a call threw (after every group has ended or been abandoned)
     */
    void runAll(List<List<Call>> groups) {
        if (groups.isEmpty()) {
            return;
        }
        BlockingQueue<Group> ended = new LinkedBlockingQueue<>();
        AtomicReference<Error> error = new AtomicReference<>();
        List<Group> open = new ArrayList<>(groups.size());
        ThreadPoolExecutor executor = pool();
        for (List<Call> calls : groups) {
            Group group = new Group(calls, ended, error);
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
            // Abandoned, not merely stopped: a group in a call that hangs gives its thread's place back.
            open.forEach(group -> group.abandon(null));
            LOG.warn("Interrupted while charging; the charges not answered yet are reconciled later");
        }
        if (error.get() != null) {
            throw error.get();
        }
    }

    /**
     * Makes one call at the declared rate, on a thread of its own (never queued behind a batch),
     * waiting for it at most the time-out.
     *
     * @return its answer, or {@code null} if it got none in time or the caller was interrupted
     */
    <T> T one(String what, Supplier<T> call) {
        if (rate != null && !rate.acquire()) {
            return null; // interrupted while waiting for its turn: left claimed, reconciled later
        }
        if (Thread.currentThread().isInterrupted()) {
            return null;
        }
        Future<T> answer = singles().submit(call::get);
        try {
            return answer.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while charging; {} is reconciled later", what);
            return null;
        } catch (TimeoutException e) {
            answer.cancel(true);
            LOG.warn("{} got no answer within {}; it stays claimed and is reconciled under its key", what, timeout);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private long untilFirstDeadline(List<Group> open) {
        long now = System.nanoTime();
        long wait = LOOK_NANOS;
        for (Group group : open) {
            InCall call = group.inCall;
            if (call != null) {
                wait = Math.min(wait, Math.max(0, call.started() + timeoutNanos - now));
            }
        }
        return wait;
    }

    private void abandonOverdue(List<Group> open) {
        long now = System.nanoTime();
        for (var iterator = open.iterator(); iterator.hasNext(); ) {
            Group group = iterator.next();
            InCall call = group.inCall;
            if (call != null && now - call.started() >= timeoutNanos && group.abandon(call)) {
                iterator.remove();
                LOG.warn("{} got no answer within {}; it and its company's charges after it in this batch stay"
                        + " claimed and are reconciled under their keys", call.what(), timeout);
            }
        }
    }

    /** {@return the threads the batches may use now: the calls in flight, and one per abandoned call still running} */
    int threads() {
        return pool().getMaximumPoolSize();
    }

    /** One more, or one fewer, abandoned group still holding its thread; the pool follows. */
    private synchronized void abandonedBy(int change) {
        abandoned += change;
        int target = inFlight + Math.min(abandoned, inFlight);
        ThreadPoolExecutor executor = pool();
        if (target > executor.getMaximumPoolSize()) {
            executor.setMaximumPoolSize(target);
            executor.setCorePoolSize(target);
        } else if (target < executor.getMaximumPoolSize()) {
            executor.setCorePoolSize(target);
            executor.setMaximumPoolSize(target);
        }
    }

    /** The call a group is making: what it is and when it began ({@link System#nanoTime()}). */
    private record InCall(String what, long started) {
    }

    /** One group's calls, made one after the other on a thread of the pool. */
    private final class Group implements Runnable {

        private static final int RUNNING = 0;
        private static final int ENDED = 1;
        private static final int ABANDONED = 2;

        private final List<Call> calls;
        private final BlockingQueue<Group> ended;
        private final AtomicReference<Error> error;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        /** The call being made, or null between calls; set and abandoned under the group's lock. */
        private volatile InCall inCall;

        Group(List<Call> calls, BlockingQueue<Group> ended, AtomicReference<Error> error) {
            this.calls = calls;
            this.ended = ended;
            this.error = error;
        }

        @Override
        public void run() {
            try {
                for (Call call : calls) {
                    if (state.get() != RUNNING || (rate != null && !rate.acquire())) {
                        return; // abandoned, or interrupted while waiting: left claimed, reconciled later
                    }
                    synchronized (this) {
                        if (state.get() != RUNNING) {
                            return;
                        }
                        inCall = new InCall(call.what(), System.nanoTime());
                    }
                    try {
                        call.run().run();
                    } finally {
                        inCall = null;
                    }
                }
            } catch (RuntimeException e) {
                // A call's own failure is its outcome (unknown); this is a failure of the group's loop.
                LOG.error("A group of charges failed; those not answered are reconciled later", e);
            } catch (Error e) {
                error.compareAndSet(null, e);
            } finally {
                if (!state.compareAndSet(RUNNING, ENDED)) {
                    abandonedBy(-1); // abandoned meanwhile: its thread's place is given back
                }
                ended.add(this);
            }
        }

        /**
         * Makes no further call, and gives the group's thread a replacement while it lasts.
         *
         * @param overdue the call found past its time-out, or null for whatever the group is doing
         * @return whether it was still running (and, for a call, still making that call)
         */
        boolean abandon(InCall overdue) {
            synchronized (this) {
                if ((overdue != null && inCall != overdue) || !state.compareAndSet(RUNNING, ABANDONED)) {
                    return false;
                }
            }
            abandonedBy(1);
            return true;
        }
    }

    private ThreadPoolExecutor pool() {
        ThreadPoolExecutor existing = pool;
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            if (pool == null) {
                ThreadPoolExecutor created = new ThreadPoolExecutor(inFlight, inFlight, 30, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), daemons("billing-charge-"));
                created.allowCoreThreadTimeOut(true);
                pool = created;
            }
            return pool;
        }
    }

    /** The threads of single calls: as many as the operations make at once, each ending when idle. */
    private ThreadPoolExecutor singles() {
        ThreadPoolExecutor existing = singles;
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            if (singles == null) {
                singles = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                        daemons("billing-charge-single-"));
            }
            return singles;
        }
    }

    private static java.util.concurrent.ThreadFactory daemons(String prefix) {
        AtomicInteger sequence = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, prefix + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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
