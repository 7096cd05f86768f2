package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.company.PayersTest;
import org.billingsdk.core.port.Storage;

/** {@link PayersTest} (who pays for a company's subscriptions) on the JDBC storage on PostgreSQL. */
public class PostgresPayersTest extends PayersTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
