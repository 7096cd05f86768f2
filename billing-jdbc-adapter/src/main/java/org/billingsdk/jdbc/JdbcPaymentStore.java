package org.billingsdk.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.money.Monetary;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentId;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.port.PaymentStore;
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


/** Payment attempts in {@code billing_payment}, one row each. */
final class JdbcPaymentStore implements PaymentStore {

    private static final String COLUMNS = "id, invoice_id, company_id, attempt, idempotency_key, amount, currency, "
            + "payment_method_id, payment_method_reference, status, provider_reference, refund_reference, "
            + "failure_code, message, created_at, updated_at, version";

    private final Db db;
    private final Tenants tenants;

    JdbcPaymentStore(Db db, Tenants tenants) {
        this.db = db;
        this.tenants = tenants;
    }

    private static final String INSERT_INTO = "INSERT INTO billing_payment (root_company_id, " + COLUMNS + ") VALUES";
    private static final String ROW = "(" + placeholders(18) + ")";

    private static final String UPDATE = "UPDATE billing_payment SET amount = ?, currency = ?, "
            + "payment_method_id = ?, payment_method_reference = ?, status = ?, provider_reference = ?, "
            + "refund_reference = ?, failure_code = ?, message = ?, updated_at = ?, version = version + 1 "
            + "WHERE id = ? AND version = ?";

    @Override
    public Payment insert(Payment payment) {
        Payment stored = payment.withVersion(1);
        UUID root = tenants.rootOf(stored.companyId().value());
        if (!db.insertUnlessDuplicate("payments.insert", INSERT_INTO + " " + ROW,
                s -> bindInsert(s, 1, stored, root))) {
            throw duplicate(payment);
        }
        return stored;
    }

    /** Inserts the payments as one batch under a savepoint: all of them, or none and the key taken. */
    @Override
    public List<Payment> insertAll(List<Payment> payments) {
        List<Payment> stored = payments.stream().map(payment -> payment.withVersion(1)).toList();
        if (stored.isEmpty()) {
            return stored;
        }
        return db.underSavepoint("payments.insertAll", connection -> {
            Map<UUID, UUID> roots = tenants.rootsOf(stored.stream().map(payment -> payment.companyId().value())
                    .toList());
            Db.insertRows(connection, INSERT_INTO, ROW, stored,
                    (s, first, payment) -> bindInsert(s, first, payment, roots.get(payment.companyId().value())));
            return stored;
        }, () -> payments.stream().filter(payment -> isStored(payment.id())).findFirst()
                .map(payment -> new DuplicateKeyException(EntityKind.PAYMENT, payment.id()))
                .or(() -> findAllByIdempotencyKey(payments.stream().map(Payment::idempotencyKey).toList()).stream()
                        .findFirst().map(taken -> new DuplicateKeyException(EntityKind.PAYMENT,
                                taken.idempotencyKey())))
                .orElseGet(() -> new DuplicateKeyException(EntityKind.PAYMENT,
                        "with idempotency key " + payments.get(0).idempotencyKey() + " (twice in one batch)")));
    }

    @Override
    public Payment update(Payment payment) {
        if (db.update("payments.update", UPDATE, s -> bindUpdate(s, payment)) == 0) {
            throw refusedUpdate(payment);
        }
        return payment.withVersion(payment.version() + 1);
    }

    @Override
    public List<Payment> updateAll(List<Payment> payments) {
        db.updateEach("payments.updateAll", UPDATE, payments, JdbcPaymentStore::bindUpdate, this::refusedUpdate);
        return payments.stream().map(payment -> payment.withVersion(payment.version() + 1)).toList();
    }

    /** Binds the payment's row, of tenant {@code root}, from parameter {@code first} on. */
    private static void bindInsert(PreparedStatement s, int first, Payment stored, UUID root) throws SQLException {
        setUuid(s, first, root);
        setUuid(s, first + 1, stored.id().value());
        setUuid(s, first + 2, stored.invoiceId().value());
        setUuid(s, first + 3, stored.companyId().value());
        s.setInt(first + 4, stored.attempt());
        s.setString(first + 5, stored.idempotencyKey().value());
        bindFields(s, first + 6, stored);
        setInstant(s, first + 15, stored.createdAt());
        setInstant(s, first + 16, stored.updatedAt());
        s.setLong(first + 17, stored.version());
    }

    private static void bindUpdate(PreparedStatement s, Payment payment) throws SQLException {
        bindFields(s, 1, payment);
        setInstant(s, 10, payment.updatedAt());
        setUuid(s, 11, payment.id().value());
        s.setLong(12, payment.version());
    }

    private DuplicateKeyException duplicate(Payment payment) {
        return isStored(payment.id())
                ? new DuplicateKeyException(EntityKind.PAYMENT, payment.id())
                : new DuplicateKeyException(EntityKind.PAYMENT, payment.idempotencyKey());
    }

    private RuntimeException refusedUpdate(Payment payment) {
        return isStored(payment.id())
                ? new ConcurrentUpdateException(EntityKind.PAYMENT, payment.id(), payment.version())
                : new NotFoundException(EntityKind.PAYMENT, payment.id());
    }

    @Override
    public List<Payment> findAllByIdempotencyKey(Collection<IdempotencyKey> idempotencyKeys) {
        return db.queryIn("payments.findAllByIdempotencyKey", "SELECT " + COLUMNS + " FROM billing_payment WHERE",
                "idempotency_key", idempotencyKeys.stream().map(IdempotencyKey::value).distinct().toList(),
                JdbcPaymentStore::payment);
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(IdempotencyKey idempotencyKey) {
        return db.queryOne("payments.findByIdempotencyKey", "SELECT " + COLUMNS + " FROM billing_payment "
                        + "WHERE idempotency_key = ?",
                s -> s.setString(1, idempotencyKey.value()), JdbcPaymentStore::payment);
    }

    @Override
    public List<Payment> findByInvoices(Collection<InvoiceId> invoiceIds) {
        List<InvoiceId> invoices = invoiceIds.stream().distinct().toList();
        if (invoices.isEmpty()) {
            return List.of();
        }
        return db.query("payments.findByInvoices", "SELECT " + COLUMNS + " FROM billing_payment "
                        + "WHERE " + db.oneOf("invoice_id", invoices.size()) + " ORDER BY invoice_id, attempt, id",
                s -> db.bindOneOf(s, 1, invoices.stream().map(InvoiceId::value).toList()), JdbcPaymentStore::payment);
    }

    private boolean isStored(PaymentId id) {
        return db.queryOne("payments.isStored", "SELECT 1 FROM billing_payment WHERE id = ?",
                s -> setUuid(s, 1, id.value()), row -> Boolean.TRUE).isPresent();
    }

    /** Binds amount up to message (9 values) from {@code index} on. */
    private static void bindFields(PreparedStatement s, int index, Payment payment) throws SQLException {
        s.setBigDecimal(index, decimal(payment.amount()));
        s.setString(index + 1, payment.amount().getCurrency().getCurrencyCode());
        setUuid(s, index + 2, payment.paymentMethodId() == null ? null : payment.paymentMethodId().value());
        setReference(s, index + 3, payment.paymentMethodReference(), PaymentMethodReference::value);
        s.setString(index + 4, payment.status().name());
        setReference(s, index + 5, payment.providerReference(), ChargeReference::value);
        setReference(s, index + 6, payment.refundReference(), RefundReference::value);
        setString(s, index + 7, payment.failureCode() == null ? null : payment.failureCode().value());
        setString(s, index + 8, payment.message());
    }

    private static Payment payment(ResultSet row) throws SQLException {
        UUID method = getUuid(row, "payment_method_id");
        return new Payment(new PaymentId(getUuid(row, "id")), new InvoiceId(getUuid(row, "invoice_id")),
                new CompanyId(getUuid(row, "company_id")), row.getInt("attempt"),
                getReference(row, "idempotency_key", IdempotencyKey::of),
                money(row.getBigDecimal("amount"), Monetary.getCurrency(row.getString("currency"))),
                method == null ? null : new PaymentMethodId(method),
                getReference(row, "payment_method_reference", PaymentMethodReference::of),
                PaymentStatus.valueOf(row.getString("status")),
                getReference(row, "provider_reference", ChargeReference::of),
                getReference(row, "refund_reference", RefundReference::of),
                getReference(row, "failure_code", DeclineCode::of),
                row.getString("message"), getInstant(row, "created_at"), getInstant(row, "updated_at"),
                row.getLong("version"));
    }
}
