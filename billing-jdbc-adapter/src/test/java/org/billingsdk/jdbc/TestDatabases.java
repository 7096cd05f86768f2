package org.billingsdk.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The databases the tests run on: one embedded PostgreSQL (a real server, started once per test
 * JVM) and one in-memory H2, each migrated once with Flyway and emptied before every test.
 */
final class TestDatabases {

    /** Every table, children first, so that rows can be deleted in this order. */
    private static final List<String> TABLES = List.of("billing_outbox", "billing_audit", "billing_payment",
            "billing_payment_customer", "billing_payment_setup", "billing_payment_method", "billing_invoice_counter",
            "billing_invoice_line", "billing_invoice", "billing_subscription", "billing_plan", "billing_product",
            "billing_company");

    private static EmbeddedPostgres postgres;
    private static HikariDataSource postgresPool;
    private static HikariDataSource h2Pool;

    private TestDatabases() {
    }

    /** The embedded PostgreSQL server, started on first use and stopped when the JVM exits. */
    static synchronized EmbeddedPostgres postgresServer() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away anyway
                }
            }));
        }
        return postgres;
    }

    /** A pool on the migrated, emptied PostgreSQL database. */
    static synchronized DataSource postgres() {
        if (postgresPool == null) {
            postgresPool = pool(postgresServer().getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            migrate(postgresPool);
        }
        empty(postgresPool);
        return postgresPool;
    }

    /** Another pool on the same PostgreSQL database: a second "node"; close it when done. */
    static HikariDataSource secondPostgresPool() {
        return secondPostgresPool("billing-node-b");
    }

    /** Another pool on the same PostgreSQL database whose connections carry {@code applicationName}. */
    static HikariDataSource secondPostgresPool(String applicationName) {
        return pool(postgresServer().getJdbcUrl("postgres", "postgres"), "postgres", "postgres", applicationName);
    }

    /** A pool on the migrated, emptied H2 database. */
    static synchronized DataSource h2() {
        if (h2Pool == null) {
            h2Pool = pool("jdbc:h2:mem:billing;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
            migrate(h2Pool);
        }
        empty(h2Pool);
        return h2Pool;
    }

    private static HikariDataSource pool(String url, String user, String password) {
        return pool(url, user, password, null);
    }

    private static HikariDataSource pool(String url, String user, String password, String applicationName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (applicationName != null) {
            config.addDataSourceProperty("ApplicationName", applicationName);
        }
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(12);
        return new HikariDataSource(config);
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations(JdbcStorage.MIGRATIONS).load().migrate();
    }

    private static void empty(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the test database", e);
        }
    }
}
