package org.billingsdk.jdbc;

import org.billingsdk.core.contract.CreditNoteStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link CreditNoteStoreContract} on the embedded PostgreSQL. */
class PostgresCreditNoteStoreTest extends CreditNoteStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.postgres());
    }
}
