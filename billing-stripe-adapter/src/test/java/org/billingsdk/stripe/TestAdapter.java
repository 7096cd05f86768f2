package org.billingsdk.stripe;

import java.time.Clock;
import java.time.Duration;

/** An adapter on a stub, with the secrets the tests look for in logs and messages. */
final class TestAdapter {

    /** Shaped like a real test-mode secret key; a test asserts it never shows. */
    static final String API_KEY = "sk_" + "test_" + "51Qz9StubOnlyKeyAbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    /** Shaped like a real webhook signing secret; a test asserts it never shows. */
    static final String WEBHOOK_SECRET = "whsec_" + "StubOnlySigningSecret0123456789abcdefABCDEF";

    private TestAdapter() {
    }

    /** A builder on the stub that waits on {@code time} instead of sleeping, generous time-outs. */
    static StripePayments.Builder on(StripeStub stub, FakeTime time, Clock clock) {
        return StripePayments.builder()
                .apiKey(API_KEY)
                .apiBase(stub.baseUrl())
                .webhookSecret(WEBHOOK_SECRET)
                .clock(clock)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .sleeper(time)
                .nanoTime(time::nanoTime);
    }
}
