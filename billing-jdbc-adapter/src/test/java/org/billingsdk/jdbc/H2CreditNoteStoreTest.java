package org.billingsdk.jdbc;

import org.billingsdk.core.contract.CreditNoteStoreContract;
import org.billingsdk.core.port.Storage;

/** The {@link CreditNoteStoreContract} on H2 in memory. */
class H2CreditNoteStoreTest extends CreditNoteStoreContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
