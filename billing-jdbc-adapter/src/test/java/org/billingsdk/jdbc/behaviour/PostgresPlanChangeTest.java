package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.change.PlanChangeTest;
import org.billingsdk.core.port.Storage;

/** {@link PlanChangeTest} on the JDBC storage on PostgreSQL. */
public class PostgresPlanChangeTest extends PlanChangeTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
