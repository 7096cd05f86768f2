package org.billingsdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.billingsdk.core.testing.Threads;
import org.junit.jupiter.api.Test;

/**
 * The pace and the calls in flight of {@link ChargeCalls}: every call runs once, never more at once
 * than allowed, and at a declared rate no call begins before its turn. The bounds are lower
 * bounds on waiting (a slow machine only waits longer), never a speed asserted.
 */
class ChargeCallsTest {

    @Test
    void callersAtOnceWaitTheirTurnsOneIntervalApart() throws Exception {
        ChargeCalls.RateLimiter pace = new ChargeCalls.RateLimiter(50); // one every 20 ms
        long begin = System.nanoTime();

        List<Boolean> acquired = Threads.concurrently(8, thread -> pace.acquire());
        long took = System.nanoTime() - begin;

        assertThat(acquired).containsOnly(true);
        // the 8th turn comes 7 intervals after the first
        assertThat(took).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(7 * 20));
    }

    @Test
    void everyCallRunsOnceAndNoMoreRunAtOnceThanAllowedAndAGroupRunsInOrder() {
        ChargeCalls calls = new ChargeCalls(3, 0, Duration.ofMinutes(1));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<String> done = java.util.Collections.synchronizedList(new ArrayList<>());
        List<List<ChargeCalls.Call>> groups = new ArrayList<>();
        for (int g = 0; g < 6; g++) {
            List<ChargeCalls.Call> group = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                String name = g + "." + c;
                group.add(new ChargeCalls.Call(name, () -> {
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    done.add(name);
                    running.decrementAndGet();
                }));
            }
            groups.add(group);
        }

        calls.runAll(groups);

        assertThat(done).hasSize(24).doesNotHaveDuplicates();
        assertThat(peak.get()).isLessThanOrEqualTo(3);
        for (int g = 0; g < 6; g++) {
            String prefix = g + ".";
            assertThat(done.stream().filter(name -> name.startsWith(prefix)).toList())
                    .containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 3);
        }
    }

    @Test
    void anInterruptedCallerReturnsKeepingItsInterrupt() {
        ChargeCalls calls = new ChargeCalls(2, 0, Duration.ofMinutes(1));
        CountDownLatch never = new CountDownLatch(1);
        List<List<ChargeCalls.Call>> groups = List.of(List.of(new ChargeCalls.Call("a", () -> await(never))),
                List.of(new ChargeCalls.Call("b", () -> await(never))));
        Thread.currentThread().interrupt();
        long begin = System.nanoTime();

        calls.runAll(groups);

        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        assertThat(System.nanoTime() - begin).isLessThan(TimeUnit.SECONDS.toNanos(2));
        never.countDown();
    }

    @Test
    void aCallPastItsTimeOutIsAbandonedAndItsGroupMakesNoFurtherCallWhileTheOtherGroupsEnd() {
        ChargeCalls calls = new ChargeCalls(2, 0, Duration.ofMillis(500));
        CountDownLatch hung = new CountDownLatch(1);
        AtomicBoolean hungCallReturned = new AtomicBoolean();
        List<String> done = java.util.Collections.synchronizedList(new ArrayList<>());
        List<List<ChargeCalls.Call>> groups = List.of(
                List.of(new ChargeCalls.Call("a1", () -> {
                    await(hung, 30);
                    hungCallReturned.set(true);
                }), new ChargeCalls.Call("a2", () -> done.add("a2"))),
                List.of(new ChargeCalls.Call("b1", () -> done.add("b1")),
                        new ChargeCalls.Call("b2", () -> done.add("b2"))));

        calls.runAll(groups);

        // Without the time-out the run would wait for a1, which returns only once the test lets it go.
        assertThat(hungCallReturned).as("the hung call is not waited for").isFalse();
        assertThat(done).containsExactly("b1", "b2");
        hung.countDown();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (calls.threads() != 2) {
                Thread.sleep(5);
            }
        }, "the abandoned call's thread gives its place back when it ends");
        assertThat(done).as("the abandoned group makes no further call").doesNotContain("a2");
    }

    @Test
    void aThreadLeftToAHungCallIsReplacedSoTheNextBatchStillHasAllItsCallsInFlight() {
        // The second batch's calls wait for each other well within the time-out.
        ChargeCalls calls = new ChargeCalls(2, 0, Duration.ofSeconds(3));
        CountDownLatch hung = new CountDownLatch(1);
        calls.runAll(List.of(List.of(new ChargeCalls.Call("h1", () -> await(hung, 30))),
                List.of(new ChargeCalls.Call("h2", () -> await(hung, 30)))));
        assertThat(calls.threads()).as("two threads hung, two more in their places").isEqualTo(4);
        CountDownLatch meet = new CountDownLatch(2);
        AtomicInteger met = new AtomicInteger();
        ChargeCalls.Call meeting = new ChargeCalls.Call("m", () -> {
            meet.countDown();
            try {
                if (meet.await(5, TimeUnit.SECONDS)) {
                    met.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> calls.runAll(
                List.of(List.of(meeting), List.of(meeting))));

        // Met only if both ran at once, on the two threads that took the hung ones' places.
        hung.countDown();
        assertThat(met.get()).isEqualTo(2);
    }

    @Test
    void anInterruptWhileCallsHangGivesTheirThreadsReplacementsSoTheNextBatchStillRuns() {
        ChargeCalls calls = new ChargeCalls(2, 0, Duration.ofMinutes(1));
        CountDownLatch hung = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        CountDownLatch both = new CountDownLatch(2);
        AtomicBoolean once = new AtomicBoolean();
        Runnable hang = () -> {
            both.countDown();
            try {
                if (both.await(5, TimeUnit.SECONDS) && once.compareAndSet(false, true)) {
                    caller.interrupt(); // a host shutting down while both calls hang
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            await(hung, 30);
        };
        calls.runAll(List.of(List.of(new ChargeCalls.Call("h1", hang)), List.of(new ChargeCalls.Call("h2", hang))));
        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        AtomicBoolean ran = new AtomicBoolean();

        // Without replacements both threads would stay taken by the hung calls, and this would wait.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> calls.runAll(
                List.of(List.of(new ChargeCalls.Call("next", () -> ran.set(true))))));

        assertThat(ran).isTrue();
        hung.countDown();
    }

    @Test
    void theThreadsComeBackToTheCallsInFlightWhateverTheOrderOfAbandoningAndEnding() {
        // Calls of about the time-out: some end as they are abandoned, in either order.
        ChargeCalls calls = new ChargeCalls(1, 0, Duration.ofMillis(1));
        for (int round = 0; round < 300; round++) {
            calls.runAll(List.of(List.of(new ChargeCalls.Call("c" + round, () -> {
                long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(1_000);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }))));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (calls.threads() != 1) {
                Thread.sleep(5);
            }
        });
    }

    /** Blocks a call until the test lets it go (at most {@code seconds}). */
    private static void await(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks a call until the test lets it go (at most 2 s). */
    private static void await(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
