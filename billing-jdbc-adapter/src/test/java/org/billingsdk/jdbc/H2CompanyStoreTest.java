package org.billingsdk.jdbc;

import org.billingsdk.core.contract.CompanyStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link CompanyStoreContract} on H2. */
class H2CompanyStoreTest extends CompanyStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
