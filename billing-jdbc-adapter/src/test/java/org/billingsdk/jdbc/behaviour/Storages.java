package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.port.Storage;
import org.billingsdk.jdbc.BehaviourDatabases;
import org.billingsdk.jdbc.JdbcStorage;

/**
 * The storages the behaviour tests run on. Each call empties its database first: a test that
 * builds a second fixture (on other terms, say) leaves the first one's data behind, as it would
 * with a new in-memory storage.
 */
public final class Storages {

    private Storages() {
    }

    public static Storage postgres() {
        return JdbcStorage.forDataSource(BehaviourDatabases.postgres());
    }

    public static Storage h2() {
        return JdbcStorage.forDataSource(BehaviourDatabases.h2());
    }
}
