package org.billingsdk.core.memory;

import org.billingsdk.core.contract.CompanyStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link CompanyStoreContract} on {@link InMemoryStorage}. */
class InMemoryCompanyStoreTest extends CompanyStoreContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
