package org.billingsdk.jdbc;

import org.billingsdk.core.contract.CustomerStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link CustomerStoreContract} on the embedded PostgreSQL. */
class PostgresCustomerStoreTest extends CustomerStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
