package org.billingsdk.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.port.EventSink;
import org.billingsdk.core.port.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's events to the sink, oldest first, at least once. One thread of a node
 * delivers at a time; a request made meanwhile is served by that thread before it stops, unless
 * the round stopped on a failure. A sink failure stops the round (order is kept) and the event is
 * delivered again by a later round; so does a storage failure while reading or marking the outbox,
 * which never reaches the caller: the change whose events are being delivered is committed
 * already, and must not look failed. Either way the events wait in the outbox for the next
 * delivery (the next change, or the next billing run).
 */
public final class EventRelay {

    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
    /** Events read and marked per transaction: a page of the billing run makes about three per subscription. */
    private static final int BATCH = 3_000;

    private final Storage storage;
    private final EventSink sink;
    private final ReentrantLock delivering = new ReentrantLock();
    private final AtomicBoolean requested = new AtomicBoolean();

    public EventRelay(Storage storage, EventSink sink) {
        this.storage = storage;
        this.sink = sink;
    }

    /** Delivers what is waiting; never throws, whether the sink or the storage fails. */
    public void deliverPending() {
        requested.set(true);
        while (requested.get() && delivering.tryLock()) {
            try {
                requested.set(false);
                drain();
            } catch (RuntimeException e) {
                LOG.warn("Delivering events stopped ({}); they stay in the outbox for the next round", e.toString());
                return;
            } finally {
                delivering.unlock();
            }
        }
    }

    private void drain() {
        while (true) {
            List<BillingEvent> batch = storage.inTransaction(() -> storage.outbox().findUndelivered(BATCH));
            List<UUID> delivered = new ArrayList<>(batch.size());
            boolean failed = false;
            for (BillingEvent event : batch) {
                try {
                    sink.deliver(event);
                    delivered.add(event.eventId());
                } catch (RuntimeException e) {
                    LOG.warn("Event sink refused {} {}; it will be delivered again later", event.type(),
                            event.eventId(), e);
                    failed = true;
                    break;
                }
            }
            if (!delivered.isEmpty()) {
                storage.inTransaction(() -> {
                    storage.outbox().markDelivered(delivered);
                    return null;
                });
            }
            if (failed || batch.size() < BATCH) {
                return;
            }
        }
    }

    /**
     * Starts a thread that delivers whenever {@link Background#request asked}, so that the asking
     * thread goes on meanwhile instead of waiting for the outbox and the sink: a billing-run worker
     * takes its next page while the last one's events are delivered. Delivery stays one thread at a
     * time and oldest first, as {@link #deliverPending} keeps it.
     */
    public Background inBackground(String threadName) {
        return new Background(threadName);
    }

    /** A thread delivering for those who ask, until closed. */
    public final class Background implements AutoCloseable {

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final Thread thread;
        private boolean asked;
        private boolean closing;
        /** What ended the thread, if not its closing (an error the sink threw, say), until thrown once. */
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Background(String threadName) {
            thread = new Thread(this::deliverWhenAsked, threadName);
            thread.setDaemon(true);
            thread.start();
        }

        /**
         * Has the thread deliver what is waiting once it is free; returns at once.
         *
         * @throws Error what ended the thread, as it would have reached the asking thread had it
         *     delivered itself (so a billing run stops at its next page)
         */
        public void request() {
            throwFailure();
            wake(false);
        }

        /** Has the thread deliver ({@code close} false) or end, whichever it is waiting for. */
        private void wake(boolean close) {
            lock.lock();
            try {
                if (close) {
                    closing = true;
                } else {
                    asked = true;
                }
                changed.signal();
            } finally {
                lock.unlock();
            }
        }

        private void deliverWhenAsked() {
            try {
                deliverUntilClosed();
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }

        private void deliverUntilClosed() {
            while (true) {
                lock.lock();
                try {
                    while (!asked && !closing) {
                        changed.awaitUninterruptibly();
                    }
                    if (closing) {
                        return;
                    }
                    asked = false;
                } finally {
                    lock.unlock();
                }
                deliverPending();
            }
        }

        /**
         * Waits until the thread has finished the round it is in, if any, and ends it: what is
         * still waiting is the caller's to deliver, with {@link #deliverPending}. An interrupt does
         * not cut the wait short; it is kept for the caller.
         *
         * @throws Error what ended the thread, unless {@link #request} has thrown it already
         */
        @Override
        public void close() {
            wake(true);
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throwFailure();
        }

        private void throwFailure() {
            Throwable ended = failure.getAndSet(null);
            if (ended != null) {
                if (ended instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) ended;
            }
        }
    }
}
