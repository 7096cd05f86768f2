package org.billingsdk.jdbc;

import org.billingsdk.core.contract.PaymentSetupStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link PaymentSetupStoreContract} on the embedded PostgreSQL. */
class PostgresPaymentSetupStoreTest extends PaymentSetupStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
