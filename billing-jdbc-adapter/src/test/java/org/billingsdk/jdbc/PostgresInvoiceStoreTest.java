package org.billingsdk.jdbc;

import org.billingsdk.core.contract.InvoiceStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link InvoiceStoreContract} on the embedded PostgreSQL. */
class PostgresInvoiceStoreTest extends InvoiceStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
