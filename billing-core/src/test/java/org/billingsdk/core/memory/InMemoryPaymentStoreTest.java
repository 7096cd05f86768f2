package org.billingsdk.core.memory;

import org.billingsdk.core.contract.PaymentStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link PaymentStoreContract} on {@link InMemoryStorage}. */
class InMemoryPaymentStoreTest extends PaymentStoreContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
