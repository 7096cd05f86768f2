package org.billingsdk.jdbc;

import org.billingsdk.core.contract.CatalogStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link CatalogStoreContract} on PostgreSQL. */
class PostgresCatalogStoreTest extends CatalogStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
