package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.payment.DunningTest;
import org.billingsdk.core.port.Storage;

/** {@link DunningTest} (charging and dunning) on the JDBC storage on H2. */
public class H2DunningTest extends DunningTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
