package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.subscription.SubscriptionLifecycleTest;
import org.billingsdk.core.port.Storage;

/** {@link SubscriptionLifecycleTest} (the subscription lifecycle) on the JDBC storage on PostgreSQL. */
public class PostgresSubscriptionLifecycleTest extends SubscriptionLifecycleTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
