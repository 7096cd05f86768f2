package org.billingsdk.jdbc;

import org.billingsdk.core.contract.RefundStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link RefundStoreContract} on H2 in memory. */
class H2RefundStoreTest extends RefundStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
