package org.billingsdk.jdbc;

import org.billingsdk.core.contract.SubscriptionStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link SubscriptionStoreContract} on H2. */
class H2SubscriptionStoreTest extends SubscriptionStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
