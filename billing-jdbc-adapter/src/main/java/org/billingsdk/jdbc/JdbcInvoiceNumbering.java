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
        return nextBlock(series, 1);
    }

    /** Takes the block with one statement on PostgreSQL (two on H2, and on a series' first use). */
    @Override
    public long nextBlock(String series, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a block has at least one number, asked for " + count);
        }
        if (db.dialect() == Dialect.POSTGRESQL) {
            Optional<Long> last = db.queryOne("invoiceNumbers.next", "UPDATE billing_invoice_counter "
                    + "SET last_value = last_value + ? WHERE series = ? RETURNING last_value",
                    s -> {
                        s.setLong(1, count);
                        s.setString(2, series);
                    }, row -> row.getLong(1));
            if (last.isPresent()) {
                return last.get() - count + 1;
            }
        }
        return db.transaction(() -> {
            if (increment(series, count) == 0 && !db.insertUnlessDuplicate("invoiceNumbers.next",
                    "INSERT INTO billing_invoice_counter (series, last_value) VALUES (?, ?)",
                    s -> {
                        s.setString(1, series);
                        s.setLong(2, count);
                    })) {
                increment(series, count);
            }
            long last = db.queryOne("invoiceNumbers.next", "SELECT last_value FROM billing_invoice_counter "
                    + "WHERE series = ?", s -> s.setString(1, series), row -> row.getLong(1)).orElseThrow();
            return last - count + 1;
        });
    }

    private int increment(String series, int count) {
        return db.update("invoiceNumbers.next",
                "UPDATE billing_invoice_counter SET last_value = last_value + ? WHERE series = ?",
                s -> {
                    s.setLong(1, count);
                    s.setString(2, series);
                });
    }
}
