package org.billingsdk.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.Last4;
import org.billingsdk.core.payment.MandateReference;
import org.billingsdk.core.payment.MethodDetails;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.port.PaymentMethodStore;
import static org.billingsdk.jdbc.Db.getInstant;
import static org.billingsdk.jdbc.Db.getReference;
import static org.billingsdk.jdbc.Db.getUuid;
import static org.billingsdk.jdbc.Db.placeholders;
import static org.billingsdk.jdbc.Db.setInstant;
import static org.billingsdk.jdbc.Db.setUuid;


/** Payment methods, in {@code billing_payment_method}. */
final class JdbcPaymentMethodStore implements PaymentMethodStore {

    private static final String COLUMNS = "id, company_id, provider_reference, kind, card_brand, card_exp_month, "
            + "card_exp_year, sepa_bank_name, sepa_mandate, sepa_via_ideal, last4, is_default, created_at, version";
    private static final String ROOT_OF_COMPANY = "(SELECT root_company_id FROM billing_company WHERE id = ?)";
    private static final String CARD = "CARD";
    private static final String SEPA_DEBIT = "SEPA_DEBIT";

    private final Db db;

    JdbcPaymentMethodStore(Db db) {
        this.db = db;
    }

    @Override
    public PaymentMethod insert(PaymentMethod method) {
        PaymentMethod stored = method.withVersion(1);
        boolean inserted = db.insertUnlessDuplicate("paymentMethods.insert", "INSERT INTO billing_payment_method "
                        + "(root_company_id, " + COLUMNS + ") VALUES (" + ROOT_OF_COMPANY + ", " + placeholders(14)
                        + ")",
                s -> {
                    setUuid(s, 1, stored.companyId().value());
                    setUuid(s, 2, stored.id().value());
                    setUuid(s, 3, stored.companyId().value());
                    bindFields(s, 4, stored);
                    s.setLong(15, stored.version());
                });
        if (!inserted) {
            throw new DuplicateKeyException(EntityKind.PAYMENT_METHOD, method.id());
        }
        return stored;
    }

    @Override
    public PaymentMethod update(PaymentMethod method) {
        int rows = db.update("paymentMethods.update", "UPDATE billing_payment_method SET provider_reference = ?, "
                        + "kind = ?, card_brand = ?, card_exp_month = ?, card_exp_year = ?, sepa_bank_name = ?, "
                        + "sepa_mandate = ?, sepa_via_ideal = ?, last4 = ?, is_default = ?, created_at = ?, "
                        + "version = version + 1 WHERE id = ? AND version = ?",
                s -> {
                    bindFields(s, 1, method);
                    setUuid(s, 12, method.id().value());
                    s.setLong(13, method.version());
                });
        if (rows == 0) {
            if (findById(method.id()).isEmpty()) {
                throw new NotFoundException(EntityKind.PAYMENT_METHOD, method.id());
            }
            throw new ConcurrentUpdateException(EntityKind.PAYMENT_METHOD, method.id(), method.version());
        }
        return method.withVersion(method.version() + 1);
    }

    @Override
    public void delete(PaymentMethodId id) {
        db.update("paymentMethods.delete", "DELETE FROM billing_payment_method WHERE id = ?",
                s -> setUuid(s, 1, id.value()));
    }

    @Override
    public Optional<PaymentMethod> findById(PaymentMethodId id) {
        return db.queryOne("paymentMethods.findById", "SELECT " + COLUMNS + " FROM billing_payment_method WHERE id = ?",
                s -> setUuid(s, 1, id.value()), JdbcPaymentMethodStore::method);
    }

    @Override
    public Optional<PaymentMethod> findByProviderReference(PaymentMethodReference providerReference) {
        return db.queryOne("paymentMethods.findByProviderReference", "SELECT " + COLUMNS
                + " FROM billing_payment_method WHERE provider_reference = ?", s -> s.setString(1,
                        providerReference.value()),
                JdbcPaymentMethodStore::method);
    }

    @Override
    public List<PaymentMethod> findByCompany(CompanyId companyId) {
        return db.query("paymentMethods.findByCompany", "SELECT " + COLUMNS + " FROM billing_payment_method "
                        + "WHERE company_id = ? ORDER BY created_at, id",
                s -> setUuid(s, 1, companyId.value()), JdbcPaymentMethodStore::method);
    }

    @Override
    public List<PaymentMethod> findByCompanies(Collection<CompanyId> companyIds) {
        return db.queryIn("paymentMethods.findByCompanies", "SELECT " + COLUMNS + " FROM billing_payment_method WHERE",
                "company_id", companyIds.stream().map(CompanyId::value).toList(), JdbcPaymentMethodStore::method);
    }

    /** Binds provider_reference up to created_at (11 values) from {@code index} on. */
    private static void bindFields(PreparedStatement s, int index, PaymentMethod method) throws SQLException {
        s.setString(index, method.providerReference().value());
        if (method.details() instanceof MethodDetails.Card card) {
            s.setString(index + 1, CARD);
            s.setString(index + 2, card.brand());
            s.setInt(index + 3, card.expMonth());
            s.setInt(index + 4, card.expYear());
            s.setNull(index + 5, Types.VARCHAR);
            s.setNull(index + 6, Types.VARCHAR);
            s.setNull(index + 7, Types.BOOLEAN);
            s.setString(index + 8, card.last4().value());
        } else {
            MethodDetails.SepaDebit sepa = (MethodDetails.SepaDebit) method.details();
            s.setString(index + 1, SEPA_DEBIT);
            s.setNull(index + 2, Types.VARCHAR);
            s.setNull(index + 3, Types.INTEGER);
            s.setNull(index + 4, Types.INTEGER);
            s.setString(index + 5, sepa.bankName());
            s.setString(index + 6, sepa.mandateReference().value());
            s.setBoolean(index + 7, sepa.viaIdeal());
            s.setString(index + 8, sepa.ibanLast4().value());
        }
        s.setBoolean(index + 9, method.isDefault());
        setInstant(s, index + 10, method.createdAt());
    }

    private static PaymentMethod method(ResultSet row) throws SQLException {
        String kind = row.getString("kind");
        MethodDetails details = switch (kind) {
            case CARD -> new MethodDetails.Card(row.getString("card_brand"), getReference(row, "last4", Last4::of),
                    row.getInt("card_exp_month"), row.getInt("card_exp_year"));
            case SEPA_DEBIT -> new MethodDetails.SepaDebit(row.getString("sepa_bank_name"),
                    getReference(row, "last4", Last4::of), getReference(row, "sepa_mandate", MandateReference::of),
                    row.getBoolean("sepa_via_ideal"));
            default -> throw new StorageException("paymentMethods.read", "unknown payment method kind " + kind, null);
        };
        return new PaymentMethod(new PaymentMethodId(getUuid(row, "id")), new CompanyId(getUuid(row, "company_id")),
                getReference(row, "provider_reference", PaymentMethodReference::of), details,
                        row.getBoolean("is_default"),
                getInstant(row, "created_at"), row.getLong("version"));
    }
}
