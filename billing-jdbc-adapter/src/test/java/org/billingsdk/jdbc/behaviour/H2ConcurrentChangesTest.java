package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.change.ConcurrentChangesTest;
import org.billingsdk.core.port.Storage;

/** {@link ConcurrentChangesTest} on the JDBC storage on H2. */
public class H2ConcurrentChangesTest extends ConcurrentChangesTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
