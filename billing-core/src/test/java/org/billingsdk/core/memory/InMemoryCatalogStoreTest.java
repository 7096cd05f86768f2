package org.billingsdk.core.memory;

import org.billingsdk.core.contract.CatalogStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link CatalogStoreContract} on {@link InMemoryStorage}. */
class InMemoryCatalogStoreTest extends CatalogStoreContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
