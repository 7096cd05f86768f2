package org.billingsdk.core.testing;

import java.util.Objects;
import java.util.Optional;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupReference;
import org.billingsdk.core.port.PaymentProvider;

/**
 * A payment provider that hands every call to another, {@code makeDefault} included; tests
 * override what they want to break or watch.
 */
public class ForwardingPaymentProvider implements PaymentProvider {

    protected final PaymentProvider delegate;

    public ForwardingPaymentProvider(PaymentProvider delegate) {
        this.delegate = Objects.requireNonNull(delegate);
    }

    @Override
    public CustomerReference syncCustomer(CustomerProfile profile, Optional<CustomerReference> existing) {
        return delegate.syncCustomer(profile, existing);
    }

    @Override
    public SetupStart startSetup(CustomerReference customer, SetupKind kind, IdempotencyKey idempotencyKey) {
        return delegate.startSetup(customer, kind, idempotencyKey);
    }

    @Override
    public SetupResult completeSetup(CustomerReference customer, SetupReference setup) {
        return delegate.completeSetup(customer, setup);
    }

    @Override
    public void detach(PaymentMethodReference paymentMethod) {
        delegate.detach(paymentMethod);
    }

    @Override
    public void makeDefault(CustomerReference customer, PaymentMethodReference paymentMethod) {
        delegate.makeDefault(customer, paymentMethod);
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        return delegate.charge(request);
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        return delegate.refund(request);
    }

    @Override
    public double chargesPerSecond() {
        return delegate.chargesPerSecond();
    }
}
