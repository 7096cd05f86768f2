package org.billingsdk.jdbc;

import org.billingsdk.core.contract.InvoiceNumberingContract;
import org.billingsdk.core.port.Storage;

/** The {@link InvoiceNumberingContract} on the embedded PostgreSQL. */
class PostgresInvoiceNumberingTest extends InvoiceNumberingContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
