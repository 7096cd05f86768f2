package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.billingsdk.core.payment.CustomerReference;
import org.junit.jupiter.api.Test;

/** The client-side write limit and the back-off after HTTP 429, on a clock the tests move. */
class RateLimitTest {

    FakeTime time = new FakeTime();

    @Test
    void writesAreSpacedEvenlyAtTheConfiguredRate() throws InterruptedException {
        WriteRateLimiter limiter = new WriteRateLimiter(80, time::nanoTime, time);

        for (int i = 0; i < 81; i++) {
            limiter.acquire();
        }

        assertThat(time.waits()).hasSize(80)
                .allSatisfy(wait -> assertThat(wait).isEqualTo(Duration.ofNanos(12_500_000)));
        assertThat(time.totalWaited()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aWriterAfterAQuietSpellDoesNotWaitAndNoBurstBuildsUp() throws InterruptedException {
        WriteRateLimiter limiter = new WriteRateLimiter(10, time::nanoTime, time);
        limiter.acquire();
        time.advance(Duration.ofSeconds(5));

        limiter.acquire();
        limiter.acquire();

        assertThat(time.waits()).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void concurrentWritersEachGetTheirOwnSlot() throws Exception {
        // A clock that stands still while the writers queue up: each wait is the distance to its slot.
        List<Duration> waits = java.util.Collections.synchronizedList(new ArrayList<>());
        WriteRateLimiter limiter = new WriteRateLimiter(50, () -> 0L, waits::add);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    limiter.acquire();
                    return null;
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<?> future : futures) {
                future.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // 40 slots 20 ms apart from one instant: the waits are 0, 20, 40, ... 780 ms, whatever the order.
        assertThat(waits.stream().mapToLong(Duration::toMillis).sorted().toArray())
                .hasSize(39).startsWith(20, 40, 60).endsWith(780);
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new WriteRateLimiter(0, time::nanoTime, time))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StripePayments.builder().maxWritesPerSecond(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBackOffDoublesIsCappedAndJittered() {
        StripeCalls calls = new StripeCalls(new WriteRateLimiter(80, time::nanoTime, time), time, 10,
                Duration.ofMillis(500), Duration.ofSeconds(8));

        for (int round = 0; round < 50; round++) {
            assertThat(calls.backoff(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
            assertThat(calls.backoff(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
            assertThat(calls.backoff(3)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
            assertThat(calls.backoff(9)).isBetween(Duration.ofMillis(4000), Duration.ofMillis(8000));
            assertThat(calls.backoff(60)).isBetween(Duration.ofMillis(4000), Duration.ofMillis(8000));
        }
    }

    @Test
    void theDefaultWriteRateIsBelowStripesLimitForTheKeysMode() {
        assertThat(StripePayments.builder().apiKey("sk_live_" + "51LiveShapedKey").build().toString())
                .contains("live mode").contains("maxWritesPerSecond=80.0");
        assertThat(StripePayments.builder().apiKey(TestAdapter.API_KEY).build().toString())
                .contains("test mode").contains("maxWritesPerSecond=20.0");
        assertThat(StripePayments.builder().apiKey(TestAdapter.API_KEY).maxWritesPerSecond(5).build().toString())
                .contains("maxWritesPerSecond=5.0");
    }

    @Test
    void theAdapterDeclaresItsWriteLimitAsTheRateTheBillingRunPacesChargesAt() {
        assertThat(StripePayments.builder().apiKey("sk_live_" + "51LiveShapedKey").build().chargesPerSecond())
                .isEqualTo(80.0);
        assertThat(StripePayments.builder().apiKey(TestAdapter.API_KEY).build().chargesPerSecond()).isEqualTo(20.0);
        assertThat(StripePayments.builder().apiKey(TestAdapter.API_KEY).maxWritesPerSecond(5).build()
                .chargesPerSecond()).isEqualTo(5.0);
    }

    @Test
    void theAdaptersWritesWaitForTheLimitAndItsReadsDoNot() {
        try (StripeStub stub = StripeStub.start()) {
            StripePayments payments = TestAdapter.on(stub, time, StripePaymentsTest.CLOCK).maxWritesPerSecond(4)
                    .build();
            CustomerReference customer = payments.syncCustomer(StripePaymentsTest.profile(null), Optional.empty());
            time.clear();

            payments.syncCustomer(StripePaymentsTest.profile(null), Optional.of(customer));
            payments.paymentMethods(customer);

            assertThat(stub.requests()).extracting(StripeStub.Request::method)
                    .containsExactly("POST", "POST", "GET", "GET", "GET");
            assertThat(time.waits()).as("one write after the create, 1/4 s later; reads wait for nothing")
                    .containsExactly(Duration.ofMillis(250));
        }
    }
}
