package org.billingsdk.jdbc;

import org.billingsdk.core.contract.PaymentMethodStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link PaymentMethodStoreContract} on the embedded PostgreSQL. */
class PostgresPaymentMethodStoreTest extends PaymentMethodStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
