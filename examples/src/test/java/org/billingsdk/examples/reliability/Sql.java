package org.billingsdk.examples.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/** Reads rows for the suite's checks, with the database's own names for columns; stateless. */
final class Sql {

    private Sql() {
    }

    /** Every row {@code sql} answers, each as column name (lower case) to value. */
    static List<Map<String, Object>> rows(DataSource db, String sql, Object... parameters) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns.getColumnCount(); c++) {
                        row.put(columns.getColumnLabel(c).toLowerCase(Locale.ROOT), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The single number {@code sql} answers. */
    static long count(DataSource db, String sql, Object... parameters) {
        return ((Number) rows(db, sql, parameters).get(0).values().iterator().next()).longValue();
    }

    /** The first column of every row {@code sql} answers, as text ({@code null} stays null). */
    static List<String> strings(DataSource db, String sql, Object... parameters) {
        return rows(db, sql, parameters).stream()
                .map(row -> row.values().iterator().next())
                .map(value -> value == null ? null : value.toString())
                .toList();
    }
}
