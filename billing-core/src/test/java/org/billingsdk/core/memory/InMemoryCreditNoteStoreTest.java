package org.billingsdk.core.memory;

import org.billingsdk.core.contract.CreditNoteStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link CreditNoteStoreContract} on {@link InMemoryStorage}. */
class InMemoryCreditNoteStoreTest extends CreditNoteStoreContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
