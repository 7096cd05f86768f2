package org.billingsdk.jdbc;

import org.billingsdk.core.contract.EventOutboxContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link EventOutboxContract} on PostgreSQL. */
class PostgresEventOutboxTest extends EventOutboxContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
