package org.billingsdk.jdbc;

import java.net.URI;
import java.util.Optional;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.ClientSecret;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupReference;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.port.PaymentSetupStore;
import static org.billingsdk.jdbc.Db.getInstant;
import static org.billingsdk.jdbc.Db.getReference;
import static org.billingsdk.jdbc.Db.getUuid;
import static org.billingsdk.jdbc.Db.placeholders;
import static org.billingsdk.jdbc.Db.setInstant;
import static org.billingsdk.jdbc.Db.setReference;
import static org.billingsdk.jdbc.Db.setUuid;

/** Set-ups under way in {@code billing_payment_setup}, completed ones in {@code billing_payment_setup_completed}. */
final class JdbcPaymentSetupStore implements PaymentSetupStore {

    private static final String SETUP_COLUMNS = "id, company_id, kind, provider_reference, client_secret, "
            + "redirect_url, created_at";
    private static final String ROOT_OF_COMPANY = "(SELECT root_company_id FROM billing_company WHERE id = ?)";

    private final Db db;

    JdbcPaymentSetupStore(Db db) {
        this.db = db;
    }

    @Override
    public void insert(SetupSession setup) {
        boolean inserted = db.insertUnlessDuplicate("paymentSetups.insert", "INSERT INTO billing_payment_setup "
                        + "(root_company_id, " + SETUP_COLUMNS + ") VALUES (" + ROOT_OF_COMPANY + ", "
                        + placeholders(7) + ")",
                s -> {
                    setUuid(s, 1, setup.companyId().value());
                    setUuid(s, 2, setup.id().value());
                    setUuid(s, 3, setup.companyId().value());
                    s.setString(4, setup.kind().name());
                    s.setString(5, setup.providerReference().value());
                    s.setString(6, setup.clientSecret().value());
                    setReference(s, 7, setup.redirectUrl(), URI::toString);
                    setInstant(s, 8, setup.createdAt());
                });
        if (!inserted) {
            throw new DuplicateKeyException(EntityKind.PAYMENT_SETUP, setup.id());
        }
    }

    @Override
    public Optional<SetupSession> findById(SetupId id) {
        return db.queryOne("paymentSetups.findById", "SELECT " + SETUP_COLUMNS + " FROM billing_payment_setup "
                        + "WHERE id = ?",
                s -> setUuid(s, 1, id.value()),
                row -> new SetupSession(new SetupId(getUuid(row, "id")), new CompanyId(getUuid(row, "company_id")),
                        SetupKind.valueOf(row.getString("kind")), getReference(row, "provider_reference",
                                SetupReference::of),
                        getReference(row, "client_secret", ClientSecret::of),
                        getReference(row, "redirect_url", URI::create),
                        getInstant(row, "created_at")));
    }

    @Override
    public void delete(SetupId id) {
        db.update("paymentSetups.delete", "DELETE FROM billing_payment_setup WHERE id = ?",
                s -> setUuid(s, 1, id.value()));
    }

    /** Deletes the set-up and keeps only its outcome (a second mark of the same set-up is ignored). */
    @Override
    public void markCompleted(SetupSession setup, PaymentMethodId method) {
        db.transaction(() -> {
            delete(setup.id());
            db.insertUnlessDuplicate("paymentSetups.markCompleted", "INSERT INTO billing_payment_setup_completed "
                    + "(setup_id, root_company_id, company_id, payment_method_id) VALUES (?, " + ROOT_OF_COMPANY
                    + ", ?, ?)", s -> {
                        setUuid(s, 1, setup.id().value());
                        setUuid(s, 2, setup.companyId().value());
                        setUuid(s, 3, setup.companyId().value());
                        setUuid(s, 4, method.value());
                    });
            return null;
        });
    }

    @Override
    public Optional<PaymentMethodId> findCompleted(SetupId id) {
        return db.queryOne("paymentSetups.findCompleted", "SELECT payment_method_id FROM "
                + "billing_payment_setup_completed WHERE setup_id = ?", s -> setUuid(s, 1, id.value()),
                row -> new PaymentMethodId(getUuid(row, "payment_method_id")));
    }
}
