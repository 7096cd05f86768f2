package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.credit.CreditRefundsTest;
import org.billingsdk.core.port.Storage;

/** {@link CreditRefundsTest} on the JDBC storage on H2. */
public class H2CreditRefundsTest extends CreditRefundsTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
