package org.billingsdk.jdbc;

import org.billingsdk.core.contract.InvoiceStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link InvoiceStoreContract} on H2 in memory. */
class H2InvoiceStoreTest extends InvoiceStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
