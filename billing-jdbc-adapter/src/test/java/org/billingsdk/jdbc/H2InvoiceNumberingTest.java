package org.billingsdk.jdbc;

import org.billingsdk.core.contract.InvoiceNumberingContract;
import org.billingsdk.core.port.Storage;

/** The {@link InvoiceNumberingContract} on H2 in memory. */
class H2InvoiceNumberingTest extends InvoiceNumberingContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
