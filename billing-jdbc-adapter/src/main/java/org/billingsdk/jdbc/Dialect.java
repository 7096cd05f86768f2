package org.billingsdk.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.billingsdk.core.StorageException;

/** The databases the adapter speaks to, and the little SQL that differs between them. */
enum Dialect {
    POSTGRESQL,
    H2;

    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw new StorageException("storage.open", "unsupported database " + product + "; use PostgreSQL 14+ or H2 2.x",
                null);
    }
}
