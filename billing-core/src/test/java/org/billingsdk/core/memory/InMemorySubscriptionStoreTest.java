package org.billingsdk.core.memory;

import org.billingsdk.core.contract.SubscriptionStoreContract;
import org.billingsdk.core.port.Storage;

/** Runs {@link SubscriptionStoreContract} on {@link InMemoryStorage}. */
class InMemorySubscriptionStoreTest extends SubscriptionStoreContract {

    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
