package org.billingsdk.core.memory;

import org.billingsdk.core.contract.InvoiceNumberingContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link InvoiceNumberingContract} on {@link InMemoryStorage}. */
class InMemoryInvoiceNumberingTest extends InvoiceNumberingContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
