package org.billingsdk.examples.bench;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.ClientSecret;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Last4;
import org.billingsdk.core.payment.MethodDetails;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupReference;
import org.billingsdk.core.port.PaymentProvider;

/**
 * A payment provider for benchmarks: every set-up completes with a card and every charge succeeds
 * at once, keeping nothing but a counter, so that it measures the SDK and not the provider.
 */
final class InstantProvider implements PaymentProvider {

    private final AtomicLong sequence = new AtomicLong();

    @Override
    public CustomerReference syncCustomer(CustomerProfile profile, Optional<CustomerReference> existing) {
        return existing.orElseGet(() -> CustomerReference.of("cus_" + sequence.incrementAndGet()));
    }

    @Override
    public SetupStart startSetup(CustomerReference customer, SetupKind kind, IdempotencyKey idempotencyKey) {
        return new SetupStart(SetupReference.of("seti_" + sequence.incrementAndGet()), ClientSecret.of("secret"), null);
    }

    @Override
    public SetupResult completeSetup(CustomerReference customer, SetupReference setup) {
        return new SetupResult.Completed(PaymentMethodReference.of("pm_" + sequence.incrementAndGet()),
                new MethodDetails.Card("visa", Last4.of("4242"), 12, 2030));
    }

    @Override
    public void detach(PaymentMethodReference paymentMethod) {
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        return new ChargeOutcome.Succeeded(ChargeReference.of("pi_" + sequence.incrementAndGet()));
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        return new RefundOutcome.Succeeded(RefundReference.of("re_" + sequence.incrementAndGet()));
    }

    long charges() {
        return sequence.get();
    }
}
