package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.subscription.PagedPortalViewTest;
import org.billingsdk.core.port.Storage;

/** {@link PagedPortalViewTest} (the portal's paged list and its counts) on the JDBC storage on PostgreSQL. */
public class PostgresPagedPortalViewTest extends PagedPortalViewTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
