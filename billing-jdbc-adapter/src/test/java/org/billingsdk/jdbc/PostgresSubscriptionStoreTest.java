package org.billingsdk.jdbc;

import org.billingsdk.core.contract.SubscriptionStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link SubscriptionStoreContract} on PostgreSQL. */
class PostgresSubscriptionStoreTest extends SubscriptionStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
