package org.billingsdk.stripe;

import java.time.Duration;
import org.billingsdk.core.contract.PaymentProviderContract;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.port.PaymentProvider.SetupStart;
import org.billingsdk.stripe.StripeStub.Hang;
import org.billingsdk.stripe.StripeStub.When;

/**
 * The Stripe adapter keeps the payment port's contract against the local stub: each test runs on
 * an adapter of its own on a fresh stub.
 */
class StripePaymentsContractTest extends PaymentProviderContract {

    /** Long enough for every answer of the stub, short enough to wait out a lost one. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    private StripeStub stub;

    @Override
    protected PaymentProvider provider() {
        stub = StripeStub.start();
        return TestAdapter.on(stub, new FakeTime(), StripePaymentsTest.CLOCK).readTimeout(READ_TIMEOUT).build();
    }

    /** What Stripe.js does with the client secret: confirms the SetupIntent with a test card. */
    @Override
    protected void completeAtTheProvider(PaymentProvider provider, SetupStart setup) {
        stub.confirmSetupWithCard(setup.setupReference().value(), "visa", "4242", 12, 2030);
    }

    /** Stripe makes the next PaymentIntent, and its answer never comes: the adapter times out. */
    @Override
    protected boolean loseTheAnswerToTheNextCharge(PaymentProvider provider) {
        stub.fail("POST", ChargeFaultsTest.CREATE, new Hang(When.AFTER));
        return true;
    }

    @Override
    protected void release(PaymentProvider provider) {
        stub.close();
    }
}
