package org.billingsdk.jdbc;

import org.billingsdk.core.contract.CustomerStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link CustomerStoreContract} on H2 in memory. */
class H2CustomerStoreTest extends CustomerStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
