package org.billingsdk.core.simulation;

import org.billingsdk.core.contract.PaymentProviderContract;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.port.PaymentProvider.SetupStart;

/** The simulated provider the tests and examples pay with keeps the contract a real one must. */
class SimulatedPaymentProviderContractTest extends PaymentProviderContract {

    @Override
    protected PaymentProvider provider() {
        return new SimulatedPaymentProvider();
    }

    @Override
    protected void completeAtTheProvider(PaymentProvider provider, SetupStart setup) {
        // the simulated provider completes every set-up it started
    }

    @Override
    protected boolean loseTheAnswerToTheNextCharge(PaymentProvider provider) {
        ((SimulatedPaymentProvider) provider).thenCharges(SimulatedPaymentProvider.Behaviour.TIMEOUT_AFTER_CHARGE);
        return true;
    }
}
