package org.billingsdk.jdbc;

import org.billingsdk.core.contract.PaymentStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link PaymentStoreContract} on H2 in memory. */
class H2PaymentStoreTest extends PaymentStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
