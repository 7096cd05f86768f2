package org.billingsdk.core.memory;

import org.billingsdk.core.contract.RefundStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link RefundStoreContract} on {@link InMemoryStorage}. */
class InMemoryRefundStoreTest extends RefundStoreContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
