package org.billingsdk.jdbc;

import org.billingsdk.core.contract.RefundStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link RefundStoreContract} on the embedded PostgreSQL. */
class PostgresRefundStoreTest extends RefundStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
