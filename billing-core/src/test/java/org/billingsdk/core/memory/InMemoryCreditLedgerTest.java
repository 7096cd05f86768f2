package org.billingsdk.core.memory;

import org.billingsdk.core.contract.CreditLedgerContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link CreditLedgerContract} on {@link InMemoryStorage}. */
class InMemoryCreditLedgerTest extends CreditLedgerContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
