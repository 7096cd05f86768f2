package org.billingsdk.core.memory;

import org.billingsdk.core.contract.CustomerStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link CustomerStoreContract} on {@link InMemoryStorage}. */
class InMemoryCustomerStoreTest extends CustomerStoreContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
