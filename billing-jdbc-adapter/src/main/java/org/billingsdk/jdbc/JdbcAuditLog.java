package org.billingsdk.jdbc;

import static org.billingsdk.jdbc.Db.getInstant;
import static org.billingsdk.jdbc.Db.getUuid;
import static org.billingsdk.jdbc.Db.setInstant;
import static org.billingsdk.jdbc.Db.setUuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.AuditLog;

/** The audit trail in {@code billing_audit}, append-only; ties at one instant are broken by insertion order. */
final class JdbcAuditLog implements AuditLog {

    private static final String COLUMNS = "id, company_id, at, who, on_behalf_of, action, detail";

    private final Db db;
    private final Tenants tenants;

    JdbcAuditLog(Db db, Tenants tenants) {
        this.db = db;
        this.tenants = tenants;
    }

    @Override
    public void append(AuditRecord record) {
        appendAll(List.of(record));
    }

    @Override
    public void appendAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        db.run("audit.append", connection -> {
            Map<UUID, UUID> roots = tenants.rootsOf(records.stream()
                    .map(record -> record.companyId() == null ? null : record.companyId().value()).toList());
            Db.insertRows(connection, "INSERT INTO billing_audit (" + COLUMNS + ", root_company_id) VALUES",
                    "(?, ?, ?, ?, ?, ?, ?, ?)", records, (s, first, record) -> {
                        UUID company = record.companyId() == null ? null : record.companyId().value();
                        setUuid(s, first, record.id());
                        setUuid(s, first + 1, company);
                        setInstant(s, first + 2, record.at());
                        s.setString(first + 3, record.who());
                        setUuid(s, first + 4, record.onBehalfOf() == null ? null : record.onBehalfOf().value());
                        s.setString(first + 5, record.action());
                        s.setString(first + 6, record.detail());
                        setUuid(s, first + 7, roots.getOrDefault(company, Db.NO_TENANT));
                    });
            return null;
        });
    }

    @Override
    public List<AuditRecord> findByCompany(CompanyId companyId, int limit) {
        return db.query("audit.findByCompany", "SELECT " + COLUMNS + " FROM billing_audit WHERE company_id = ? "
                + "ORDER BY at DESC, position DESC LIMIT ?", s -> {
                    setUuid(s, 1, companyId.value());
                    s.setInt(2, limit);
                }, JdbcAuditLog::record);
    }

    @Override
    public List<AuditRecord> findWithoutCompany(int limit) {
        return db.query("audit.findWithoutCompany", "SELECT " + COLUMNS + " FROM billing_audit WHERE company_id IS NULL "
                + "ORDER BY at DESC, position DESC LIMIT ?", s -> s.setInt(1, limit), JdbcAuditLog::record);
    }

    private static AuditRecord record(ResultSet row) throws SQLException {
        UUID company = getUuid(row, "company_id");
        UUID onBehalfOf = getUuid(row, "on_behalf_of");
        return new AuditRecord(getUuid(row, "id"), getInstant(row, "at"), row.getString("who"),
                onBehalfOf == null ? null : new CompanyId(onBehalfOf), company == null ? null : new CompanyId(company),
                row.getString("action"), row.getString("detail"));
    }
}
