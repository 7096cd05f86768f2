package org.billingsdk.stripe;

import java.time.Duration;

/** Waits; {@link Thread#sleep} in production, a recorder in tests. */
@FunctionalInterface
interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
