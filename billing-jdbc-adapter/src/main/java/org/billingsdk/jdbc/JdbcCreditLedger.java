package org.billingsdk.jdbc;

import static org.billingsdk.jdbc.Db.getInstant;
import static org.billingsdk.jdbc.Db.getReference;
import static org.billingsdk.jdbc.Db.getUuid;
import static org.billingsdk.jdbc.Db.placeholders;
import static org.billingsdk.jdbc.Db.setInstant;
import static org.billingsdk.jdbc.Db.setUuid;
import static org.billingsdk.jdbc.JdbcInvoiceStore.decimal;
import static org.billingsdk.jdbc.JdbcInvoiceStore.money;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.port.CreditLedger;

/**
 * The credit balances' entries in {@code billing_credit_entry}, one row each, keyed by company,
 * currency and sequence: the key refuses the second of two transactions appending after the same
 * entry.
 */
final class JdbcCreditLedger implements CreditLedger {

    private static final String COLUMNS = "company_id, currency, sequence_number, amount, balance, kind, "
            + "credit_note_id, invoice_id, occurred_at";

    /**
     * Each account's latest entry among the companies {@code %s} selects: the highest sequences
     * are read from the primary key's index alone, and only those rows are then read, by key. (A
     * correlated {@code sequence_number = (SELECT MAX ...)} reads every entry of the companies and
     * looks each one's account up again: with 200 entries an account, some fifty times the buffer
     * reads on PostgreSQL, and a scan of the account per entry on H2.)
     */
    private static final String LATEST_OF = "SELECT e.company_id, e.currency, e.sequence_number, e.amount, "
            + "e.balance, e.kind, e.credit_note_id, e.invoice_id, e.occurred_at FROM billing_credit_entry e "
            + "JOIN (SELECT company_id, currency, MAX(sequence_number) AS latest FROM billing_credit_entry "
            + "WHERE %s GROUP BY company_id, currency) m "
            + "ON e.company_id = m.company_id AND e.currency = m.currency AND e.sequence_number = m.latest";

    private static final String INSERT_INTO = "INSERT INTO billing_credit_entry (root_company_id, " + COLUMNS
            + ") VALUES";
    private static final String ROW = "(" + placeholders(10) + ")";

    private static final CreditEntry.Kind[] KINDS = CreditEntry.Kind.values();

    private final Db db;
    private final Tenants tenants;

    JdbcCreditLedger(Db db, Tenants tenants) {
        this.db = db;
        this.tenants = tenants;
    }

    @Override
    public void appendAll(List<CreditEntry> entries) {
        List<CreditEntry> appended = List.copyOf(entries);
        if (appended.isEmpty()) {
            return;
        }
        // Refused before anything is written: insertRows binds its last statement after the others ran.
        for (CreditEntry entry : appended) {
            decimal(entry.amount(), "creditLedger.appendAll");
            decimal(entry.balance(), "creditLedger.appendAll");
        }
        db.underSavepoint("creditLedger.appendAll", connection -> {
            Map<UUID, UUID> roots = tenants.rootsOf(appended.stream().map(entry -> entry.companyId().value())
                    .distinct().toList());
            Db.insertRows(connection, INSERT_INTO, ROW, appended, (s, first, entry) -> {
                int i = first - 1;
                setUuid(s, ++i, roots.get(entry.companyId().value()));
                setUuid(s, ++i, entry.companyId().value());
                s.setString(++i, entry.currency().getCurrencyCode());
                s.setLong(++i, entry.sequence());
                s.setBigDecimal(++i, decimal(entry.amount()));
                s.setBigDecimal(++i, decimal(entry.balance()));
                s.setString(++i, entry.kind().name());
                setUuid(s, ++i, entry.creditNoteId() == null ? null : entry.creditNoteId().value());
                setUuid(s, ++i, entry.invoiceId() == null ? null : entry.invoiceId().value());
                setInstant(s, ++i, entry.at());
            });
            return null;
        }, () -> new DuplicateKeyException(EntityKind.CREDIT_ENTRY, "of company " + appended.get(0).companyId()
                + " in " + appended.get(0).currency() + " from sequence " + appended.get(0).sequence()
                + " (appended by another transaction first)"));
    }

    @Override
    public List<CreditEntry> latestOf(Collection<CompanyId> companyIds) {
        List<UUID> companies = companyIds.stream().map(CompanyId::value).distinct().toList();
        List<CreditEntry> latest = new ArrayList<>();
        for (int from = 0; from < companies.size(); from += Db.MAX_IN_LIST) {
            List<UUID> chunk = companies.subList(from, Math.min(companies.size(), from + Db.MAX_IN_LIST));
            latest.addAll(db.query("creditLedger.latestOf", LATEST_OF.formatted(db.oneOf("company_id", chunk.size())),
                    s -> db.bindOneOf(s, 1, chunk), JdbcCreditLedger::entry));
        }
        return latest;
    }

    @Override
    public List<CreditEntry> findByCompany(CompanyId companyId, CurrencyUnit currency, long beforeSequence,
            int limit) {
        if (limit == 0) {
            return List.of();
        }
        return db.query("creditLedger.findByCompany", "SELECT " + COLUMNS + " FROM billing_credit_entry "
                        + "WHERE company_id = ? AND currency = ?"
                        + (beforeSequence > 0 ? " AND sequence_number < ?" : "")
                        + " ORDER BY sequence_number DESC LIMIT ?",
                s -> {
                    int i = 0;
                    setUuid(s, ++i, companyId.value());
                    s.setString(++i, currency.getCurrencyCode());
                    if (beforeSequence > 0) {
                        s.setLong(++i, beforeSequence);
                    }
                    s.setInt(++i, limit);
                }, JdbcCreditLedger::entry);
    }

    private static CreditEntry entry(ResultSet row) throws SQLException {
        CurrencyUnit currency = Monetary.getCurrency(row.getString("currency"));
        UUID note = getUuid(row, "credit_note_id");
        UUID invoice = getUuid(row, "invoice_id");
        return new CreditEntry(new CompanyId(getUuid(row, "company_id")), row.getLong("sequence_number"),
                money(row.getBigDecimal("amount"), currency), money(row.getBigDecimal("balance"), currency),
                getReference(row, "kind", kind -> Db.constant(KINDS, kind)),
                note == null ? null : new CreditNoteId(note), invoice == null ? null : new InvoiceId(invoice),
                getInstant(row, "occurred_at"));
    }
}
