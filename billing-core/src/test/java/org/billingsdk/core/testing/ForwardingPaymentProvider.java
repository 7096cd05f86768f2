package org.billingsdk.core.testing;

import java.util.Objects;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.SetupKind;
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
    public String syncCustomer(CustomerProfile profile, String existingReference) {
        return delegate.syncCustomer(profile, existingReference);
    }

    @Override
    public SetupStart startSetup(String customerReference, SetupKind kind, String idempotencyKey) {
        return delegate.startSetup(customerReference, kind, idempotencyKey);
    }

    @Override
    public SetupResult completeSetup(String customerReference, String setupReference) {
        return delegate.completeSetup(customerReference, setupReference);
    }

    @Override
    public void detach(String paymentMethodReference) {
        delegate.detach(paymentMethodReference);
    }

    @Override
    public void makeDefault(String customerReference, String paymentMethodReference) {
        delegate.makeDefault(customerReference, paymentMethodReference);
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        return delegate.charge(request);
    }

    @Override
    public ChargeOutcome refund(RefundRequest request) {
        return delegate.refund(request);
    }
}
