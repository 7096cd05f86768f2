package org.billingsdk.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The databases the tests run on: one embedded PostgreSQL (a real server, started once per test
 * JVM) and one in-memory H2, each migrated once with Flyway and emptied before every test.
 * Published in this module's test jar, so that suites on the assembled SDK run on the same
 * PostgreSQL; thread-safe.
 */
public final class TestDatabases {

    /** Every table, children first, so that rows can be deleted in this order. */
    private static final List<String> TABLES = List.of("billing_refund", "billing_credit_entry",
            "billing_credit_note_line", "billing_credit_note", "billing_outbox", "billing_audit", "billing_payment",
            "billing_payment_customer", "billing_payment_setup", "billing_payment_setup_completed",
            "billing_payment_method", "billing_invoice_counter", "billing_invoice_line", "billing_invoice",
            "billing_subscription", "billing_plan", "billing_product", "billing_company");

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
    public static synchronized DataSource postgres() {
        DataSource migrated = migratedPostgres();
        empty(migrated);
        return migrated;
    }

    private static synchronized DataSource migratedPostgres() {
        if (postgresPool == null) {
            postgresPool = pool(postgresServer().getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            migrate(postgresPool);
        }
        return postgresPool;
    }

    /** Another pool on the same PostgreSQL database: a second "node"; close it when done. */
    static HikariDataSource secondPostgresPool() {
        return secondPostgresPool("billing-node-b");
    }

    /**
     * Another pool on the same PostgreSQL database whose connections carry {@code applicationName}:
     * another node; close it when done.
     */
    public static HikariDataSource secondPostgresPool(String applicationName) {
        return pool(postgresServer().getJdbcUrl("postgres", "postgres"), "postgres", "postgres", applicationName);
    }

    /**
     * Has PostgreSQL terminate ({@code pg_terminate_backend}) every connection that carries
     * {@code applicationName}, as an administrator or a failing network would.
     *
     * @return how many it terminated
     */
    public static int terminateConnections(String applicationName) {
        return terminate(applicationName, "");
    }

    /**
     * Has PostgreSQL terminate the connections carrying {@code applicationName} that are in the
     * middle of a transaction, between two of its statements ({@code idle in transaction}): the
     * transaction is lost, never half-committed.
     *
     * @return how many it terminated
     */
    public static int terminateTransactions(String applicationName) {
        return terminate(applicationName, " AND state = 'idle in transaction'");
    }

    private static int terminate(String applicationName, String condition) {
        String sql = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?" + condition;
        try (Connection connection = migratedPostgres().getConnection();
                PreparedStatement kill = connection.prepareStatement(sql)) {
            kill.setString(1, applicationName);
            int terminated = 0;
            try (ResultSet killed = kill.executeQuery()) {
                while (killed.next()) {
                    terminated += killed.getBoolean(1) ? 1 : 0;
                }
            }
            return terminated;
        } catch (SQLException e) {
            throw new IllegalStateException("could not terminate the connections of " + applicationName, e);
        }
    }

    /** {@link #postgres()} for {@code "postgres"}, else {@link #h2()}: for tests run on both. */
    static DataSource named(String name) {
        return name.equals("postgres") ? postgres() : h2();
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
