package org.billingsdk.jdbc;

import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.billingsdk.core.port.AuditLog;
import org.billingsdk.core.port.CatalogStore;
import org.billingsdk.core.port.CompanyStore;
import org.billingsdk.core.port.CreditLedger;
import org.billingsdk.core.port.CreditNoteStore;
import org.billingsdk.core.port.CustomerStore;
import org.billingsdk.core.port.EventOutbox;
import org.billingsdk.core.port.InvoiceNumbering;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.PaymentMethodStore;
import org.billingsdk.core.port.PaymentSetupStore;
import org.billingsdk.core.port.PaymentStore;
import org.billingsdk.core.port.RefundStore;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.port.SubscriptionStore;

/**
 * Storage on PostgreSQL (14 and newer) or H2 (2.x), in plain JDBC over a {@link DataSource} the
 * host provides (pooled, in production). Thread-safe: each transaction takes a connection from the
 * data source for its duration and binds it to the calling thread.
 *
 * <p>The schema is in the jar as Flyway migrations under {@code db/migration/billing}; apply them
 * with Flyway (or the host's migration tool) before use:
 *
 * <pre>{@code
 * Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/billing").load().migrate();
 * Storage storage = JdbcStorage.forDataSource(dataSource);
 * }</pre>
 *
 * <p>Transactions run at the database's default isolation (READ COMMITTED); lost updates are
 * prevented by version columns, and a lost race is reported as
 * {@link org.billingsdk.core.ConcurrentUpdateException}, which the SDK's operations retry.
 * Database failures are {@link org.billingsdk.core.StorageException}s naming the operation.
 */
public final class JdbcStorage implements Storage {

    private final Db db;
    private final CompanyStore companies;
    private final CatalogStore catalog;
    private final SubscriptionStore subscriptions;
    private final AuditLog audit;
    private final EventOutbox outbox;
    private final InvoiceStore invoices;
    private final InvoiceNumbering invoiceNumbers;
    private final PaymentMethodStore paymentMethods;
    private final PaymentSetupStore paymentSetups;
    private final CustomerStore customers;
    private final PaymentStore payments;
    private final CreditNoteStore creditNotes;
    private final CreditLedger creditLedger;
    private final RefundStore refunds;

    private JdbcStorage(DataSource dataSource) {
        this.db = new Db(Objects.requireNonNull(dataSource, "dataSource"));
        Tenants tenants = new Tenants(db);
        this.companies = new JdbcCompanyStore(db, tenants);
        this.catalog = new JdbcCatalogStore(db);
        this.subscriptions = new JdbcSubscriptionStore(db, tenants);
        this.audit = new JdbcAuditLog(db, tenants);
        this.outbox = new JdbcEventOutbox(db, tenants);
        this.invoices = new JdbcInvoiceStore(db, tenants);
        this.invoiceNumbers = new JdbcInvoiceNumbering(db);
        this.paymentMethods = new JdbcPaymentMethodStore(db);
        this.paymentSetups = new JdbcPaymentSetupStore(db);
        this.customers = new JdbcCustomerStore(db);
        this.payments = new JdbcPaymentStore(db, tenants);
        this.creditNotes = new JdbcCreditNoteStore(db, tenants);
        this.creditLedger = new JdbcCreditLedger(db, tenants);
        this.refunds = new JdbcRefundStore(db, tenants);
    }

    /**
     * A storage on the given data source, whose database (PostgreSQL or H2) is recognized from its
     * metadata.
     *
     * @param dataSource where connections come from, with the schema migrated; one connection is
     *     taken per transaction (or per store call outside one) and closed at its end
     * @return the storage, ready for {@code Billing.builder().storage(...)}
     * @throws org.billingsdk.core.StorageException if no connection can be opened
     * @throws IllegalArgumentException if the database is neither PostgreSQL nor H2
     */
    public static JdbcStorage forDataSource(DataSource dataSource) {
        return new JdbcStorage(dataSource);
    }

    /** Where the Flyway migrations of the schema are, for {@code Flyway.configure().locations(...)}. */
    public static final String MIGRATIONS = "classpath:db/migration/billing";

    @Override
    public CompanyStore companies() {
        return companies;
    }

    @Override
    public CatalogStore catalog() {
        return catalog;
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public EventOutbox outbox() {
        return outbox;
    }

    @Override
    public InvoiceStore invoices() {
        return invoices;
    }

    @Override
    public InvoiceNumbering invoiceNumbers() {
        return invoiceNumbers;
    }

    @Override
    public PaymentMethodStore paymentMethods() {
        return paymentMethods;
    }

    @Override
    public PaymentSetupStore paymentSetups() {
        return paymentSetups;
    }

    @Override
    public CustomerStore customers() {
        return customers;
    }

    @Override
    public CreditNoteStore creditNotes() {
        return creditNotes;
    }

    @Override
    public CreditLedger creditLedger() {
        return creditLedger;
    }

    @Override
    public RefundStore refunds() {
        return refunds;
    }

    @Override
    public PaymentStore payments() {
        return payments;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return db.transaction(work);
    }

    @Override
    public String toString() {
        return "JdbcStorage[" + db.dialect() + "]";
    }
}
