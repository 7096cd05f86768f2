package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.credit.CreditRefundsTest;
import org.billingsdk.core.port.Storage;

/** {@link CreditRefundsTest} on the JDBC storage on PostgreSQL. */
public class PostgresCreditRefundsTest extends CreditRefundsTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
