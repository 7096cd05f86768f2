package org.billingsdk.jdbc;

import javax.sql.DataSource;

/**
 * The test databases of {@link TestDatabases}, public for the behaviour tests in
 * {@code org.billingsdk.jdbc.behaviour}: each call answers the pool on the migrated database after
 * emptying it.
 */
public final class BehaviourDatabases {

    private BehaviourDatabases() {
    }

    /** The pool on the embedded PostgreSQL, emptied. */
    public static DataSource postgres() {
        return TestDatabases.postgres();
    }

    /** The pool on the in-memory H2, emptied. */
    public static DataSource h2() {
        return TestDatabases.h2();
    }
}
