package org.billingsdk.jdbc;

import org.billingsdk.core.contract.PaymentSetupStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link PaymentSetupStoreContract} on H2 in memory. */
class H2PaymentSetupStoreTest extends PaymentSetupStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
