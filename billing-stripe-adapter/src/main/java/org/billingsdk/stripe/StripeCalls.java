package org.billingsdk.stripe;

import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls to Stripe: writes wait for the client-side rate limiter, and an HTTP 429 answer
 * (which Stripe gives before doing anything) is retried a bounded number of times after an
 * exponential, jittered back-off. Nothing else is retried here: stripe-java's own retries are
 * switched off, and an unknown charge outcome is for the core to reconcile under the same key.
 * Thread-safe.
 */
final class StripeCalls {

    private static final Logger LOG = LoggerFactory.getLogger(StripeCalls.class);

    /** A call to stripe-java. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws StripeException;
    }

    private final WriteRateLimiter writes;
    private final Sleeper sleeper;
    private final int maxRateLimitRetries;
    private final Duration firstBackoff;
    private final Duration maxBackoff;

    StripeCalls(WriteRateLimiter writes, Sleeper sleeper, int maxRateLimitRetries, Duration firstBackoff,
            Duration maxBackoff) {
        this.writes = writes;
        this.sleeper = sleeper;
        this.maxRateLimitRetries = maxRateLimitRetries;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** A POST or DELETE: counted by the write rate limiter. */
    <T> T write(String operation, Call<T> call) throws StripeException, InterruptedException {
        return run(operation, call, true);
    }

    /** A GET. */
    <T> T read(String operation, Call<T> call) throws StripeException, InterruptedException {
        return run(operation, call, false);
    }

    private <T> T run(String operation, Call<T> call, boolean write) throws StripeException, InterruptedException {
        for (int retry = 0; ; retry++) {
            if (write) {
                writes.acquire();
            }
            try {
                return call.run();
            } catch (RateLimitException e) {
                if (retry >= maxRateLimitRetries) {
                    LOG.warn("Stripe {}: still rate limited (HTTP 429) after {} retries", operation, retry);
                    throw e;
                }
                Duration wait = backoff(retry);
                LOG.info("Stripe {}: rate limited (HTTP 429, request {}); retry {} of {} in {} ms", operation,
                        e.getRequestId(), retry + 1, maxRateLimitRetries, wait.toMillis());
                sleeper.sleep(wait);
            }
        }
    }

    /** The wait before retry {@code retry + 1}: doubling from the first, capped, 50-100 % of it at random. */
    Duration backoff(int retry) {
        long full = firstBackoff.toMillis() << Math.min(retry, 20);
        long capped = Math.min(full, maxBackoff.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
