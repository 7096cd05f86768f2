package org.billingsdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        ChargeCalls calls = new ChargeCalls(3, 0);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<String> done = java.util.Collections.synchronizedList(new ArrayList<>());
        List<List<Runnable>> groups = new ArrayList<>();
        for (int g = 0; g < 6; g++) {
            List<Runnable> group = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                String name = g + "." + c;
                group.add(() -> {
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    done.add(name);
                    running.decrementAndGet();
                });
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
        ChargeCalls calls = new ChargeCalls(2, 0);
        CountDownLatch never = new CountDownLatch(1);
        List<List<Runnable>> groups = List.of(List.of(() -> await(never)), List.of(() -> await(never)));
        Thread.currentThread().interrupt();
        long begin = System.nanoTime();

        calls.runAll(groups);

        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        assertThat(System.nanoTime() - begin).isLessThan(TimeUnit.SECONDS.toNanos(2));
        never.countDown();
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
