package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.credit.CancellationCreditTest;
import org.billingsdk.core.port.Storage;

/** {@link CancellationCreditTest} on the JDBC storage on H2. */
public class H2CancellationCreditTest extends CancellationCreditTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
