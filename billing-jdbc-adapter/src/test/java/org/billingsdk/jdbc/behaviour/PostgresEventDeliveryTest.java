package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.event.EventDeliveryTest;
import org.billingsdk.core.port.Storage;

/** {@link EventDeliveryTest} (event delivery and the audit trail) on the JDBC storage on PostgreSQL. */
public class PostgresEventDeliveryTest extends EventDeliveryTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
