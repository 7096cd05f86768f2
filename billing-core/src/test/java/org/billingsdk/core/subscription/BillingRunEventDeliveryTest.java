package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.InvoiceIssued;
import org.billingsdk.core.event.InvoicePaid;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.Test;

/** The billing run delivers its pages' events on a thread of its own, and all of them before it returns. */
class BillingRunEventDeliveryTest {

    private static final long PATIENCE_SECONDS = 30;

    @Test
    void thePagesGoOnWhileTheSinkIsBusyAndTheRunReturnsOnlyOnceEveryEventIsDeliveredOnce()
            throws InterruptedException {
        int subscriptions = 2_100;
        AtomicBoolean holdFirstRunEvent = new AtomicBoolean();
        CountDownLatch everyPageAdvanced = new CountDownLatch(1);
        AtomicBoolean firstEventBeforeLastPage = new AtomicBoolean();
        AtomicBoolean everyPageAdvancedMeanwhile = new AtomicBoolean();
        AtomicReference<Thread.State> runWhileHeld = new AtomicReference<>();
        Thread[] run = new Thread[1];
        BillingFixture fixture = BillingFixture.builder().events(recording -> event -> {
            if (holdFirstRunEvent.getAndSet(false)) {
                firstEventBeforeLastPage.set(everyPageAdvanced.getCount() == 1);
                // Were the run to wait for the sink, no page after the first would advance meanwhile.
                everyPageAdvancedMeanwhile.set(await(everyPageAdvanced));
                runWhileHeld.set(Thread.currentThread() == run[0] ? Thread.State.RUNNABLE : waitingOrEnded(run[0]));
            }
            recording.deliver(event);
        }).build();
        Company acme = fixture.root("Acme");
        for (int i = 0; i < subscriptions; i++) {
            fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        }
        Instant nextMonth = fixture.clock.instant().plus(Duration.ofDays(31));
        fixture.events.clear();
        holdFirstRunEvent.set(true);
        AtomicReference<BillingRunReport> report = new AtomicReference<>();

        run[0] = new Thread(() -> report.set(fixture.billing.run(nextMonth, progress -> {
            if (progress.subscriptionsExamined() == subscriptions) {
                everyPageAdvanced.countDown();
            }
        })));
        run[0].start();
        run[0].join();

        assertThat(report.get().invoicesIssued()).isEqualTo(subscriptions);
        assertThat(firstEventBeforeLastPage).as("a page's events delivered before the last page").isTrue();
        assertThat(everyPageAdvancedMeanwhile).as("every page advanced while the sink held an event").isTrue();
        assertThat(runWhileHeld).as("the run waits for the held event").hasValue(Thread.State.WAITING);
        List<BillingEvent> delivered = fixture.events.events();
        assertThat(delivered).map(BillingEvent::eventId).doesNotHaveDuplicates();
        assertThat(fixture.events.eventsOf(InvoiceIssued.class)).hasSize(subscriptions);
        assertThat(fixture.events.eventsOf(InvoicePaid.class)).hasSize(subscriptions);
        Map<InvoiceId, Integer> issuedAt = new HashMap<>();
        for (int i = 0; i < delivered.size(); i++) {
            if (delivered.get(i) instanceof InvoiceIssued issued) {
                issuedAt.put(issued.invoiceId(), i);
            } else if (delivered.get(i) instanceof InvoicePaid paid) {
                assertThat(issuedAt).as("issued before paid").containsKey(paid.invoiceId());
            }
        }
    }

    @Test
    void anErrorTheSinkThrowsStopsTheRunAtItsNextPageAndReachesTheCaller() throws InterruptedException {
        AtomicBoolean failNextEvent = new AtomicBoolean();
        AssertionError sinkBug = new AssertionError("the sink has a bug");
        Set<Thread> delivering = ConcurrentHashMap.newKeySet();
        BillingFixture fixture = BillingFixture.builder().events(recording -> event -> {
            delivering.add(Thread.currentThread());
            if (failNextEvent.getAndSet(false)) {
                throw sinkBug;
            }
            recording.deliver(event);
        }).build();
        Company acme = fixture.root("Acme");
        for (int i = 0; i < 3_100; i++) {
            fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        }
        Instant nextMonth = fixture.clock.instant().plus(Duration.ofDays(31));
        fixture.events.clear();
        failNextEvent.set(true);

        assertThatThrownBy(() -> fixture.billing.run(nextMonth, progress -> {
            // After the first page: let the delivering thread (the one the sink saw, not this one)
            // meet the error before the second.
            delivering.stream().filter(thread -> thread != Thread.currentThread())
                    .forEach(BillingRunEventDeliveryTest::join);
        })).isSameAs(sinkBug);

        assertThat(fixture.billing.run(nextMonth).invoicesIssued()).as("the pages after the second").isEqualTo(1_100);
        assertThat(fixture.events.eventsOf(InvoicePaid.class)).as("every page's, once").hasSize(3_100);
    }

    @Test
    void theRunLeavesNoDeliveringThreadBehind() {
        Set<Thread> delivering = ConcurrentHashMap.newKeySet();
        BillingFixture fixture = BillingFixture.builder().events(recording -> event -> {
            delivering.add(Thread.currentThread());
            recording.deliver(event);
        }).build();
        Company acme = fixture.root("Acme");
        for (int i = 0; i < 1_500; i++) {
            fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        }
        delivering.clear();

        fixture.billing.run(fixture.clock.instant().plus(Duration.ofDays(31)));
        fixture.billing.run(fixture.clock.instant().plus(Duration.ofDays(62)));

        assertThat(delivering).as("a thread of the run's own delivered").anyMatch(t -> t != Thread.currentThread());
        assertThat(delivering).filteredOn(t -> t != Thread.currentThread()).noneMatch(Thread::isAlive);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The state {@code thread} reaches first of waiting (without a timeout) and having ended. */
    private static Thread.State waitingOrEnded(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (System.nanoTime() < deadline) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TERMINATED) {
                return state;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return thread.getState();
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
