package org.billingsdk.jdbc;

import org.billingsdk.core.contract.CreditLedgerContract;
import org.billingsdk.core.port.Storage;

/** The {@link CreditLedgerContract} on H2 in memory. */
class H2CreditLedgerTest extends CreditLedgerContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
