package org.billingsdk.core.memory;

import org.billingsdk.core.contract.TransactionContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link TransactionContract} on {@link InMemoryStorage}. */
class InMemoryTransactionTest extends TransactionContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
