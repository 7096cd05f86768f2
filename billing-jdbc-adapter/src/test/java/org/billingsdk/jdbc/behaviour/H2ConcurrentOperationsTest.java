package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.subscription.ConcurrentOperationsTest;
import org.billingsdk.core.port.Storage;

/** {@link ConcurrentOperationsTest} (concurrent operations on one subscription) on the JDBC storage on H2. */
public class H2ConcurrentOperationsTest extends ConcurrentOperationsTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
