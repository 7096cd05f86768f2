package org.billingsdk.core.memory;

import org.billingsdk.core.contract.AuditLogContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link AuditLogContract} on {@link InMemoryStorage}. */
class InMemoryAuditLogTest extends AuditLogContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
