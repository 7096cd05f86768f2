package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.port.Storage;
import org.billingsdk.core.subscription.QuantityTest;

/** {@link QuantityTest} on the JDBC storage on PostgreSQL. */
public class PostgresQuantityTest extends QuantityTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
