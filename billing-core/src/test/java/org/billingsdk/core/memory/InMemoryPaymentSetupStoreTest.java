package org.billingsdk.core.memory;

import org.billingsdk.core.contract.PaymentSetupStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link PaymentSetupStoreContract} on {@link InMemoryStorage}. */
class InMemoryPaymentSetupStoreTest extends PaymentSetupStoreContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
