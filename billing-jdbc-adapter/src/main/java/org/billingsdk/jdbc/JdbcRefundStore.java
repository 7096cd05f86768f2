package org.billingsdk.jdbc;

import static org.billingsdk.jdbc.Db.getInstant;
import static org.billingsdk.jdbc.Db.getReference;
import static org.billingsdk.jdbc.Db.getUuid;
import static org.billingsdk.jdbc.Db.placeholders;
import static org.billingsdk.jdbc.Db.setInstant;
import static org.billingsdk.jdbc.Db.setReference;
import static org.billingsdk.jdbc.Db.setString;
import static org.billingsdk.jdbc.Db.setUuid;
import static org.billingsdk.jdbc.JdbcInvoiceStore.decimal;
import static org.billingsdk.jdbc.JdbcInvoiceStore.money;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.money.Monetary;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.credit.Refund;
import org.billingsdk.core.credit.RefundId;
import org.billingsdk.core.credit.RefundStatus;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.PaymentId;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.port.RefundStore;

/** The refunds credit notes ask for, in {@code billing_refund}, one row each. */
final class JdbcRefundStore implements RefundStore {

    private static final String COLUMNS = "id, company_id, credit_note_id, invoice_id, payment_id, charge_key, "
            + "charge_reference, amount, currency, idempotency_key, status, reference, failure_code, message, "
            + "created_at, updated_at, version";

    private static final String INSERT = "INSERT INTO billing_refund (root_company_id, " + COLUMNS + ") VALUES ("
            + placeholders(18) + ")";

    private static final String UPDATE = "UPDATE billing_refund SET status = ?, reference = ?, failure_code = ?, "
            + "message = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?";

    private static final RefundStatus[] STATUSES = RefundStatus.values();

    private final Db db;
    private final Tenants tenants;

    JdbcRefundStore(Db db, Tenants tenants) {
        this.db = db;
        this.tenants = tenants;
    }

    @Override
    public Refund insert(Refund refund) {
        Refund stored = refund.withVersion(1);
        UUID root = tenants.rootOf(stored.companyId().value());
        if (!db.insertUnlessDuplicate("refunds.insert", INSERT, s -> bindInsert(s, stored, root))) {
            throw isStored(refund.id())
                    ? new DuplicateKeyException(EntityKind.REFUND, refund.id())
                    : new DuplicateKeyException(EntityKind.REFUND, refund.idempotencyKey());
        }
        return stored;
    }

    @Override
    public Refund update(Refund refund) {
        if (db.update("refunds.update", UPDATE, s -> {
            s.setString(1, refund.status().name());
            setReference(s, 2, refund.reference(), RefundReference::value);
            setString(s, 3, refund.failureCode() == null ? null : refund.failureCode().value());
            setString(s, 4, refund.message());
            setInstant(s, 5, refund.updatedAt());
            setUuid(s, 6, refund.id().value());
            s.setLong(7, refund.version());
        }) == 0) {
            throw isStored(refund.id())
                    ? new ConcurrentUpdateException(EntityKind.REFUND, refund.id(), refund.version())
                    : new NotFoundException(EntityKind.REFUND, refund.id());
        }
        return refund.withVersion(refund.version() + 1);
    }

    @Override
    public Optional<Refund> findByIdempotencyKey(IdempotencyKey idempotencyKey) {
        return db.queryOne("refunds.findByIdempotencyKey", "SELECT " + COLUMNS + " FROM billing_refund "
                + "WHERE idempotency_key = ?", s -> s.setString(1, idempotencyKey.value()), JdbcRefundStore::refund);
    }

    @Override
    public List<Refund> findByInvoice(InvoiceId invoiceId) {
        return db.query("refunds.findByInvoice", "SELECT " + COLUMNS + " FROM billing_refund "
                        + "WHERE invoice_id = ? ORDER BY created_at, id",
                s -> setUuid(s, 1, invoiceId.value()), JdbcRefundStore::refund);
    }

    @Override
    public List<Refund> findRequested(Instant before, int limit) {
        if (limit == 0) {
            return List.of();
        }
        return db.query("refunds.findRequested", "SELECT " + COLUMNS + " FROM billing_refund "
                        + "WHERE status = ? AND updated_at < ? ORDER BY updated_at, id LIMIT ?",
                s -> {
                    s.setString(1, RefundStatus.REQUESTED.name());
                    setInstant(s, 2, before);
                    s.setInt(3, limit);
                }, JdbcRefundStore::refund);
    }

    private boolean isStored(RefundId id) {
        return db.queryOne("refunds.isStored", "SELECT 1 FROM billing_refund WHERE id = ?",
                s -> setUuid(s, 1, id.value()), row -> Boolean.TRUE).isPresent();
    }

    private static void bindInsert(PreparedStatement s, Refund refund, UUID root) throws SQLException {
        int i = 0;
        setUuid(s, ++i, root);
        setUuid(s, ++i, refund.id().value());
        setUuid(s, ++i, refund.companyId().value());
        setUuid(s, ++i, refund.creditNoteId().value());
        setUuid(s, ++i, refund.invoiceId().value());
        setUuid(s, ++i, refund.paymentId().value());
        s.setString(++i, refund.chargeKey().value());
        s.setString(++i, refund.chargeReference().value());
        s.setBigDecimal(++i, decimal(refund.amount()));
        s.setString(++i, refund.amount().getCurrency().getCurrencyCode());
        s.setString(++i, refund.idempotencyKey().value());
        s.setString(++i, refund.status().name());
        setReference(s, ++i, refund.reference(), RefundReference::value);
        setString(s, ++i, refund.failureCode() == null ? null : refund.failureCode().value());
        setString(s, ++i, refund.message());
        setInstant(s, ++i, refund.createdAt());
        setInstant(s, ++i, refund.updatedAt());
        s.setLong(++i, refund.version());
    }

    private static Refund refund(ResultSet row) throws SQLException {
        return new Refund(new RefundId(getUuid(row, "id")), new CreditNoteId(getUuid(row, "credit_note_id")),
                new InvoiceId(getUuid(row, "invoice_id")), new CompanyId(getUuid(row, "company_id")),
                new PaymentId(getUuid(row, "payment_id")), getReference(row, "charge_key", IdempotencyKey::of),
                getReference(row, "charge_reference", ChargeReference::of),
                money(row.getBigDecimal("amount"), Monetary.getCurrency(row.getString("currency"))),
                getReference(row, "idempotency_key", IdempotencyKey::of),
                Db.constant(STATUSES, row.getString("status")), getReference(row, "reference", RefundReference::of),
                getReference(row, "failure_code", DeclineCode::of), row.getString("message"),
                getInstant(row, "created_at"), getInstant(row, "updated_at"), row.getLong("version"));
    }
}
