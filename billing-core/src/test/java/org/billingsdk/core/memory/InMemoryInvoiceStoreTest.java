package org.billingsdk.core.memory;

import org.billingsdk.core.contract.InvoiceStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link InvoiceStoreContract} on {@link InMemoryStorage}. */
class InMemoryInvoiceStoreTest extends InvoiceStoreContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
