package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.credit.ConcurrentCreditsTest;
import org.billingsdk.core.port.Storage;

/** {@link ConcurrentCreditsTest} on the JDBC storage on H2. */
public class H2ConcurrentCreditsTest extends ConcurrentCreditsTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
