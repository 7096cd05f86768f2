package org.billingsdk.jdbc;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.billingsdk.core.BillingException;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.StorageException;

/**
 * Connections and statements: one connection per transaction, bound to the thread; every
 * statement prepared (values are bound, never concatenated); {@link SQLException}s translated into
 * the SDK's exceptions with the operation that failed.
 */
final class Db {

    /** Binds the parameters of a statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work with the transaction's connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final ThreadLocal<List<Consumer<Boolean>>> completion = new ThreadLocal<>();

    Db(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection()) {
            this.dialect = Dialect.of(connection);
        } catch (SQLException e) {
            throw new StorageException("connect", "could not open a connection", e);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in a transaction of its own, or joins the thread's. */
    <T> T transaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageException("begin", "could not open a connection", e);
        }
        boolean committed = false;
        try {
            connection.setAutoCommit(false);
            current.set(connection);
            T result = work.get();
            connection.commit();
            committed = true;
            return result;
        } catch (SQLException e) {
            rollback(connection, e);
            throw translate("commit", e);
        } catch (RuntimeException | Error e) {
            rollback(connection, e);
            throw e;
        } finally {
            current.remove();
            close(connection);
            List<Consumer<Boolean>> actions = completion.get();
            completion.remove();
            if (actions != null) {
                for (Consumer<Boolean> action : actions) {
                    action.accept(committed);
                }
            }
        }
    }

    /**
     * Tells {@code action} whether the thread's transaction committed, once it has ended; at once
     * (committed) outside a transaction. For memory that must hold only what the database holds.
     */
    void afterCompletion(Consumer<Boolean> action) {
        if (current.get() == null) {
            action.accept(true);
            return;
        }
        List<Consumer<Boolean>> actions = completion.get();
        if (actions == null) {
            actions = new ArrayList<>();
            completion.set(actions);
        }
        actions.add(action);
    }

    /** Runs {@code work} on the thread's transaction, or in a transaction of its own. */
    <T> T run(String operation, Work<T> work) {
        return transaction(() -> {
            try {
                return work.run(current.get());
            } catch (SQLException e) {
                throw translate(operation, e);
            }
        });
    }

    <T> List<T> query(String operation, String sql, Binder binder, RowMapper<T> mapper) {
        return run(operation, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> result = new ArrayList<>();
                    while (rows.next()) {
                        result.add(mapper.map(rows));
                    }
                    return result;
                }
            }
        });
    }

    <T> Optional<T> queryOne(String operation, String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = query(operation, sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    int update(String operation, String sql, Binder binder) {
        return run(operation, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Runs one statement for each item, sent to the database as one batch.
     *
     * @return the rows each statement changed, in the items' order
     */
    <T> int[] batch(String operation, String sql, List<T> items, ItemBinder<T> binder) {
        if (items.isEmpty()) {
            return new int[0];
        }
        return run(operation, connection -> batch(connection, sql, items, binder));
    }

    /**
     * Runs a versioned update for each item as one batch; the first item whose statement changed
     * no row is answered by {@code refused} (missing, or changed since it was read) and thrown.
     */
    <T> void updateEach(String operation, String sql, List<T> items, ItemBinder<T> binder,
            Function<T, RuntimeException> refused) {
        int[] rows = batch(operation, sql, items, binder);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == 0) {
                throw refused.apply(items.get(i));
            }
        }
    }

    /** {@link #batch(String, String, List, ItemBinder)} on a connection at hand. */
    static <T> int[] batch(Connection connection, String sql, List<T> items, ItemBinder<T> binder)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    /** Binds one item's values to a row of a multi-row statement, from parameter {@code first} on. */
    interface RowBinder<T> {
        void bind(PreparedStatement statement, int first, T item) throws SQLException;
    }

    /** The most rows one {@link #insertRows} statement carries. */
    static final int ROWS_PER_INSERT = 100;

    /**
     * Inserts the items with multi-row statements: {@code insert} (ending in {@code VALUES}) and
     * then {@code row} (a parenthesized row of placeholders, subqueries allowed) once per item, up
     * to {@value #ROWS_PER_INSERT} items a statement. The database then plans and runs one
     * statement per hundred rows instead of one per row, which costs a batch of rows about a
     * third less on PostgreSQL; the full statements go as one JDBC batch, the rest after them.
     * Rows go in the items' order. A failing row fails the call, but may leave rows of the other
     * statements inserted (H2 goes on with a batch after a failure): a caller that goes on with the
     * transaction rolls back to a savepoint first.
     */
    static <T> void insertRows(Connection connection, String insert, String row, List<T> items, RowBinder<T> binder)
            throws SQLException {
        int parameters = (int) row.chars().filter(c -> c == '?').count();
        int full = items.size() / ROWS_PER_INSERT * ROWS_PER_INSERT;
        if (full > 0) {
            try (PreparedStatement statement = connection.prepareStatement(rows(insert, row, ROWS_PER_INSERT))) {
                for (int from = 0; from < full; from += ROWS_PER_INSERT) {
                    bindRows(statement, items.subList(from, from + ROWS_PER_INSERT), parameters, binder);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (full < items.size()) {
            try (PreparedStatement statement = connection.prepareStatement(rows(insert, row, items.size() - full))) {
                bindRows(statement, items.subList(full, items.size()), parameters, binder);
                statement.executeUpdate();
            }
        }
    }

    private static <T> void bindRows(PreparedStatement statement, List<T> chunk, int parameters, RowBinder<T> binder)
            throws SQLException {
        int first = 1;
        for (T item : chunk) {
            binder.bind(statement, first, item);
            first += parameters;
        }
    }

    private static String rows(String insert, String row, int count) {
        StringBuilder sql = new StringBuilder(insert.length() + count * (row.length() + 2)).append(insert).append(' ');
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }

    /** A query's {@code WHERE ... ORDER BY ... LIMIT} clause and the binder of its parameters. */
    record Clause(String sql, Binder binder) {
    }

    /**
     * The billing history's page of these companies' documents (invoices or credit notes: tables
     * with {@code company_id}, {@code issued_at}, {@code sequence_number} and {@code id}), newest
     * first, starting after the position ({@code afterIssuedAt}, {@code afterSequence},
     * {@code afterId}), or from the newest when {@code afterId} is {@code null}.
     */
    Clause newestFirst(List<UUID> companies, Instant afterIssuedAt, long afterSequence, UUID afterId, int limit) {
        return newestFirst(oneOf("company_id", companies.size()), (s, index) -> bindOneOf(s, index, companies),
                afterIssuedAt, afterSequence, afterId, limit);
    }

    /**
     * The same page of the documents that {@code condition} selects, its parameters bound from the
     * first by {@code bindCondition}.
     */
    Clause newestFirst(String condition, Parameters bindCondition, Instant afterIssuedAt, long afterSequence,
            UUID afterId, int limit) {
        String sql = "WHERE " + condition
                + (afterId == null ? "" : " AND (issued_at < ? OR issued_at = ? AND (sequence_number < ?"
                        + " OR sequence_number = ? AND id < ?))")
                + " ORDER BY issued_at DESC, sequence_number DESC, id DESC LIMIT ?";
        return new Clause(sql, s -> {
            int i = bindCondition.bind(s, 1) - 1;
            if (afterId != null) {
                setInstant(s, ++i, afterIssuedAt);
                setInstant(s, ++i, afterIssuedAt);
                s.setLong(++i, afterSequence);
                s.setLong(++i, afterSequence);
                setUuid(s, ++i, afterId);
            }
            s.setInt(++i, limit);
        });
    }

    /**
     * The whole statement of a scope's page of documents ({@code table}'s {@code columns}), newest
     * first as {@link #newestFirst} orders. On PostgreSQL a subtree inside a tenant is walked down
     * from its top, and each company's newest documents after the position are read through the
     * table's company index by a lateral subquery (at most a page of each), then merged: a join of
     * the walk with the table hashed the tenant's documents ({@code ScopedReadPlanTest}).
     * Otherwise the scope's condition selects from the table.
     */
    Clause newestFirstInScope(ScopeSql covered, String table, String columns, Instant afterIssuedAt,
            long afterSequence, UUID afterId, int limit) {
        if (dialect != Dialect.POSTGRESQL || covered.kind() != ScopeSql.Kind.SUBTREE) {
            Clause page = newestFirst(covered.where(), covered::bind, afterIssuedAt, afterSequence, afterId, limit);
            return new Clause(covered.with() + "SELECT " + columns + " FROM " + table + " " + page.sql(),
                    page.binder());
        }
        Clause each = newestFirst("company_id = t.id", (s, index) -> index + 1, afterIssuedAt, afterSequence,
                afterId, limit);
        String sql = covered.with() + "SELECT d." + columns.replace(", ", ", d.") + " FROM " + ScopeSql.TREE
                + " t CROSS JOIN LATERAL (SELECT " + columns + " FROM " + table + " " + each.sql() + ") d"
                + " ORDER BY d.issued_at DESC, d.sequence_number DESC, d.id DESC LIMIT ?";
        int parameters = (int) sql.chars().filter(c -> c == '?').count();
        return new Clause(sql, s -> {
            // The walk's parameter takes the first index, which the lateral page's binder skips.
            covered.bindWith(s, 1);
            each.binder().bind(s);
            s.setInt(parameters, limit);
        });
    }

    /** Binds some of a statement's parameters, from an index on. */
    @FunctionalInterface
    interface Parameters {
        /** Binds from {@code index} on and answers the index of the next parameter. */
        int bind(PreparedStatement statement, int index) throws SQLException;
    }

    /** The most keys one query carries (an array or an {@code IN} list); more are read in several queries. */
    static final int MAX_IN_LIST = 1000;

    /**
     * The rows of {@code select} (a query ending in {@code WHERE}) whose {@code column} is one of
     * {@code keys} (UUIDs or strings), each key once, read {@value #MAX_IN_LIST} keys per query
     * with {@link #oneOf}.
     */
    <T> List<T> queryIn(String operation, String select, String column, List<?> keys, RowMapper<T> mapper) {
        List<?> distinct = keys.stream().distinct().toList();
        List<T> rows = new ArrayList<>(distinct.size());
        for (int from = 0; from < distinct.size(); from += MAX_IN_LIST) {
            List<?> chunk = distinct.subList(from, Math.min(distinct.size(), from + MAX_IN_LIST));
            rows.addAll(query(operation, select + " " + oneOf(column, chunk.size()),
                    s -> bindOneOf(s, 1, chunk), mapper));
        }
        return rows;
    }

    /**
     * The condition that {@code column} is one of {@code count} keys bound by {@link #bindOneOf}:
     * {@code = ANY(?)} with one array on PostgreSQL, so that the statement's text and plan are the
     * same whatever the number of keys; an {@code IN} list elsewhere.
     */
    String oneOf(String column, int count) {
        return dialect == Dialect.POSTGRESQL ? column + " = ANY(?)" : column + " IN (" + placeholders(count) + ")";
    }

    /**
     * Binds the keys (all UUIDs or all strings) of a {@link #oneOf} condition from {@code index} on.
     *
     * @return the index of the next parameter
     */
    int bindOneOf(PreparedStatement statement, int index, List<?> keys) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            String type = !keys.isEmpty() && keys.get(0) instanceof String ? "text" : "uuid";
            statement.setArray(index, statement.getConnection().createArrayOf(type, keys.toArray()));
            return index + 1;
        }
        int next = index;
        for (Object key : keys) {
            statement.setObject(next++, key);
        }
        return next;
    }

    /**
     * Runs {@code work} under a savepoint: if it fails with a unique violation, the transaction is
     * rolled back to the savepoint (PostgreSQL aborts a transaction on any failed statement, so this
     * keeps it usable) and {@code duplicate} says which key was taken.
     */
    <T> T underSavepoint(String operation, Work<T> work, Supplier<? extends RuntimeException> duplicate) {
        return run(operation, connection -> {
            Savepoint savepoint = connection.setSavepoint();
            T result;
            try {
                result = work.run(connection);
            } catch (SQLException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                throw duplicate.get();
            }
            connection.releaseSavepoint(savepoint);
            return result;
        });
    }

    /** Binds the parameters of one item of a batch. */
    @FunctionalInterface
    interface ItemBinder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /**
     * Runs an insert that may hit a unique constraint, under a savepoint, so that the transaction
     * stays usable (PostgreSQL aborts a transaction on any failed statement).
     *
     * @return whether the row was inserted; {@code false} when a unique constraint refused it
     */
    boolean insertUnlessDuplicate(String operation, String sql, Binder binder) {
        return run(operation, connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                statement.executeUpdate();
                connection.releaseSavepoint(savepoint);
                return true;
            } catch (SQLException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                return false;
            }
        });
    }

    /** Whether a unique constraint refused the statement (or, for a batch, one of its statements). */
    static boolean isUniqueViolation(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            if ("23505".equals(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The SDK's exception for a failed statement: a lost race, or a storage failure. */
    static BillingException translate(String operation, SQLException e) {
        // A failed batch's own message spells out the failing statement with every value bound to
        // it (a hundred rows of buyers' data, say); the database's error is chained to it.
        SQLException error = e instanceof BatchUpdateException && e.getNextException() != null
                ? e.getNextException() : e;
        String state = error.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state)) {
            return new ConcurrentUpdateException(operation, error);
        }
        return new StorageException(operation, "SQL state " + state + ": " + error.getMessage(), error);
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void close(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is broken; closing it gives it back to the pool, which discards it
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do with a connection that will not close
        }
    }

    /** {@code "?, ?, ?"} for {@code count} values of an {@code IN (...)} list (at least one). */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(Math.max(1, count), "?"));
    }

    /** The nil UUID: the tenant of rows that belong to no company (catalog changes). */
    static final UUID NO_TENANT = new UUID(0, 0);

    // Values in and out.

    static void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, value);
        }
    }

    /**
     * The constant of {@code values} (an enum's {@code values()}, kept by the caller) named
     * {@code name}, as {@code valueOf} answers it but without hashing the name: rows read many.
     */
    static <E extends Enum<E>> E constant(E[] values, String name) {
        for (E value : values) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        return Enum.valueOf(values[0].getDeclaringClass(), name);
    }

    static UUID getUuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    /**
     * A UTC calendar per thread, for reading timestamps: read through {@code getTimestamp}, a value
     * costs less than through {@code getObject(OffsetDateTime.class)}, for which the PostgreSQL
     * driver builds the offset's zone rules anew on Java 17 (the portal view reads ten per
     * subscription).
     */
    private static final ThreadLocal<Calendar> UTC = ThreadLocal.withInitial(
            () -> Calendar.getInstance(TimeZone.getTimeZone("UTC")));

    static Instant getInstant(ResultSet row, String column) throws SQLException {
        return instant(row.getTimestamp(column, UTC.get()));
    }

    static Instant getInstant(ResultSet row, int column) throws SQLException {
        return instant(row.getTimestamp(column, UTC.get()));
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }

    static void setString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /**
     * The provider reference, key or other self-checking value (an email address, a VAT number) in
     * {@code column}, read by {@code of} (such as {@code ChargeReference::of}, {@code Last4::of} or
     * {@code URI::create}); {@code null} when the column is.
     *
     * @throws SQLException (SQL state 22000, so a {@code StorageException}) if the column holds
     *     text {@code of} refuses: written by something other than this adapter
     */
    static <T> T getReference(ResultSet row, String column, Function<String, T> of) throws SQLException {
        return read(row.getString(column), column, of);
    }

    /**
     * As {@link #getReference(ResultSet, String, Function)}, for the column at {@code index}
     * (reading by index is faster), named {@code column} in the error.
     */
    static <T> T getReference(ResultSet row, int index, String column, Function<String, T> of)
            throws SQLException {
        return read(row.getString(index), column, of);
    }

    private static <T> T read(String text, String column, Function<String, T> of) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            return of.apply(text);
        } catch (IllegalArgumentException e) {
            throw new SQLException("column " + column + " holds no valid value: " + e.getMessage(), "22000", e);
        }
    }

    /**
     * Binds a reference or key by its text, or SQL {@code NULL}; {@code text} reads it (such as
     * {@code ChargeReference::value}).
     */
    static <T> void setReference(PreparedStatement statement, int index, T reference, Function<T, String> text)
            throws SQLException {
        setString(statement, index, reference == null ? null : text.apply(reference));
    }
}
