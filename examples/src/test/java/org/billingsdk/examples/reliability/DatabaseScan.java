package org.billingsdk.examples.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Every value of every text column of every table in the database's current schema, looked
 * through for card numbers, IBANs and secrets.
 *
 * @param tables how many tables have text columns
 * @param columns how many text columns were read
 * @param values how many values (not null) were looked through
 * @param findings what was found, by table and column; empty when nothing
 */
record DatabaseScan(int tables, int columns, long values, List<String> findings) {

    /** Reads and looks through every text value of {@code db}. */
    static DatabaseScan of(DataSource db, SensitiveData detector) {
        List<Map<String, Object>> textColumns = Sql.rows(db, "SELECT table_name, column_name FROM"
                + " information_schema.columns WHERE table_schema = current_schema()"
                + " AND data_type IN ('character varying', 'character', 'text', 'json', 'jsonb')"
                + " ORDER BY table_name, ordinal_position");
        TreeSet<String> tables = new TreeSet<>();
        long values = 0;
        List<String> findings = new ArrayList<>();
        for (Map<String, Object> column : textColumns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            tables.add(table);
            for (String value : Sql.strings(db, "SELECT \"" + name + "\" FROM \"" + table + "\" WHERE \"" + name
                    + "\" IS NOT NULL")) {
                values++;
                findings.addAll(detector.findIn(table + "." + name, value));
            }
        }
        return new DatabaseScan(tables.size(), textColumns.size(), values, List.copyOf(findings));
    }
}
