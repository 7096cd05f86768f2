package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.payment.DunningTest;
import org.billingsdk.core.port.Storage;

/** {@link DunningTest} (charging and dunning) on the JDBC storage on PostgreSQL. */
public class PostgresDunningTest extends DunningTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
