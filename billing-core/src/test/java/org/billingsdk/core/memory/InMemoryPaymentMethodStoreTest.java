package org.billingsdk.core.memory;

import org.billingsdk.core.contract.PaymentMethodStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link PaymentMethodStoreContract} on {@link InMemoryStorage}. */
class InMemoryPaymentMethodStoreTest extends PaymentMethodStoreContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
