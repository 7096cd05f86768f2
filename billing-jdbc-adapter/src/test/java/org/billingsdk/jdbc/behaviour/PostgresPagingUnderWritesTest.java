package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.subscription.PagingUnderWritesTest;
import org.billingsdk.core.port.Storage;

/** {@link PagingUnderWritesTest} (the portal's cursors while others write) on the JDBC storage on PostgreSQL. */
public class PostgresPagingUnderWritesTest extends PagingUnderWritesTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
