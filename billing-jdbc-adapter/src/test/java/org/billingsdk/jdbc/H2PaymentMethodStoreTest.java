package org.billingsdk.jdbc;

import org.billingsdk.core.contract.PaymentMethodStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link PaymentMethodStoreContract} on H2 in memory. */
class H2PaymentMethodStoreTest extends PaymentMethodStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
