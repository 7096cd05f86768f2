package org.billingsdk.core.memory;

import org.billingsdk.core.contract.EventOutboxContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link EventOutboxContract} on {@link InMemoryStorage}. */
class InMemoryEventOutboxTest extends EventOutboxContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
