package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.billingsdk.core.port.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the storage contract suites ({@link CompanyStoreContract}, {@link CatalogStoreContract},
 * {@link SubscriptionStoreContract}, {@link AuditLogContract}, {@link EventOutboxContract},
 * {@link InvoiceStoreContract}, {@link InvoiceNumberingContract}, {@link PaymentMethodStoreContract},
 * {@link PaymentSetupStoreContract}, {@link CustomerStoreContract}, {@link PaymentStoreContract},
 * {@link TransactionContract}): it gives every test a new, empty
 * {@link Storage} and releases it afterwards. An implementation proves itself by running every
 * suite, one small subclass each. A storage on a database needs the schema and no rows: the JDBC
 * adapter's tests apply its migrations once and delete every table's rows before each test, then
 * hand the database to {@code JdbcStorage.forDataSource}:
 *
 * <pre>{@code
 * class PostgresCompanyStoreTest extends CompanyStoreContract {
 *     protected Storage newStorage() {
 *         DataSource dataSource = TestDatabases.postgres(); // migrated on first use, then emptied
 *         return JdbcStorage.forDataSource(dataSource);
 *     }
 * }
 *
 * // in TestDatabases, once per database:
 * Flyway.configure().dataSource(dataSource).locations(JdbcStorage.MIGRATIONS).load().migrate();
 * }</pre>
 *
 * <p>The suites build their data with {@link ContractData} and insert what a subscription, an
 * invoice, a payment or an audit record refers to before it, so that a storage may enforce
 * foreign keys. Instants carry microseconds: a storage must keep at least that precision. To skip
 * a test that cannot pass yet, override it in the subclass, disabled, with the reason.
 */
public abstract class StorageContract {

    /** The storage under test: new and empty for each test. */
    protected Storage storage;

    /** A new, empty storage; called once before each test. */
    protected abstract Storage newStorage();

    /**
     * Releases a storage after its test: closes its connections, drops its schema. Does nothing
     * unless overridden.
     */
    protected void release(Storage storage) {
    }

    @BeforeEach
    public final void createStorage() {
        storage = newStorage();
        assertThat(storage).as("newStorage()").isNotNull();
    }

    @AfterEach
    public final void releaseStorage() {
        if (storage != null) {
            release(storage);
        }
    }
}
