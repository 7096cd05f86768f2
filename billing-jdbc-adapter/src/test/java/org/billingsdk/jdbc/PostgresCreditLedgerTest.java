package org.billingsdk.jdbc;

import org.billingsdk.core.contract.CreditLedgerContract;
import org.billingsdk.core.port.Storage;

/** The {@link CreditLedgerContract} on the embedded PostgreSQL. */
class PostgresCreditLedgerTest extends CreditLedgerContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
