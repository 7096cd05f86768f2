package org.billingsdk.examples.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.MethodDetails;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.port.PaymentProvider;

/**
 * A payment provider for benchmarks: every set-up completes with a card and every charge succeeds
 * at once, keeping nothing but a counter, so that it measures the SDK and not the provider.
 */
final class InstantProvider implements PaymentProvider {

    private final AtomicLong sequence = new AtomicLong();

    @Override
    public String syncCustomer(CustomerProfile profile, String existingReference) {
        return existingReference != null ? existingReference : "cus_" + sequence.incrementAndGet();
    }

    @Override
    public SetupStart startSetup(String customerReference, SetupKind kind, String idempotencyKey) {
        return new SetupStart("seti_" + sequence.incrementAndGet(), "secret", null);
    }

    @Override
    public SetupResult completeSetup(String customerReference, String setupReference) {
        return new SetupResult.Completed("pm_" + sequence.incrementAndGet(),
                new MethodDetails.Card("visa", "4242", 12, 2030));
    }

    @Override
    public void detach(String paymentMethodReference) {
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        return new ChargeOutcome.Succeeded("pi_" + sequence.incrementAndGet());
    }

    @Override
    public ChargeOutcome refund(RefundRequest request) {
        return new ChargeOutcome.Succeeded("re_" + sequence.incrementAndGet());
    }

    long charges() {
        return sequence.get();
    }
}
