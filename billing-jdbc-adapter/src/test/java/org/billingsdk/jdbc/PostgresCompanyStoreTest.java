package org.billingsdk.jdbc;

import org.billingsdk.core.contract.CompanyStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link CompanyStoreContract} on PostgreSQL. */
class PostgresCompanyStoreTest extends CompanyStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
