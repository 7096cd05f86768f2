package org.billingsdk.jdbc;

import org.billingsdk.core.contract.TransactionContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link TransactionContract} on PostgreSQL. */
class PostgresTransactionTest extends TransactionContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
