package org.billingsdk.jdbc;

import java.util.Optional;
import org.billingsdk.core.port.InvoiceNumbering;

/**
 * Gapless numbers from {@code billing_invoice_counter}: taking one locks the series' row until the
 * finalizing transaction ends, so concurrent finalizations of a series take turns and a rollback
 * gives the number back.
 */
final class JdbcInvoiceNumbering implements InvoiceNumbering {

    private final Db db;

    JdbcInvoiceNumbering(Db db) {
        this.db = db;
    }

    @Override
    public long next(String series) {
        if (db.dialect() == Dialect.POSTGRESQL) {
            Optional<Long> taken = db.queryOne("invoiceNumbers.next", "UPDATE billing_invoice_counter "
                    + "SET last_value = last_value + 1 WHERE series = ? RETURNING last_value",
                    s -> s.setString(1, series), row -> row.getLong(1));
            if (taken.isPresent()) {
                return taken.get();
            }
        }
        return db.transaction(() -> {
            if (increment(series) == 0 && !db.insertUnlessDuplicate("invoiceNumbers.next",
                    "INSERT INTO billing_invoice_counter (series, last_value) VALUES (?, 1)",
                    s -> s.setString(1, series))) {
                increment(series);
            }
            return db.queryOne("invoiceNumbers.next", "SELECT last_value FROM billing_invoice_counter WHERE series = ?",
                    s -> s.setString(1, series), row -> row.getLong(1)).orElseThrow();
        });
    }

    private int increment(String series) {
        return db.update("invoiceNumbers.next",
                "UPDATE billing_invoice_counter SET last_value = last_value + 1 WHERE series = ?",
                s -> s.setString(1, series));
    }
}
