package org.billingsdk.jdbc;

import org.billingsdk.core.contract.AuditLogContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link AuditLogContract} on H2. */
class H2AuditLogTest extends AuditLogContract {

    @Override
    protected Storage newStorage() {
        return JdbcStorage.forDataSource(TestDatabases.h2());
    }
}
