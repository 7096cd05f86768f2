package org.billingsdk.jdbc;

import org.billingsdk.core.contract.CatalogStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link CatalogStoreContract} on H2. */
class H2CatalogStoreTest extends CatalogStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
