package org.billingsdk.jdbc;

import org.billingsdk.core.contract.PaymentStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link PaymentStoreContract} on the embedded PostgreSQL. */
class PostgresPaymentStoreTest extends PaymentStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
