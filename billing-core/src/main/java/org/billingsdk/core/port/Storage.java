package org.billingsdk.core.port;

import java.util.function.Supplier;

/**
 * The storage the SDK keeps its aggregates in: one store per aggregate and a way to make several
 * writes atomic. Implementations must be thread-safe. The SDK ships an in-memory storage
 * ({@code InMemoryStorage}) and a JDBC one; a custom one proves itself by passing the contract
 * suites in billing-core's test jar.
 */
public interface Storage {

    CompanyStore companies();

    CatalogStore catalog();

    SubscriptionStore subscriptions();

    AuditLog audit();

    EventOutbox outbox();

    InvoiceStore invoices();

    InvoiceNumbering invoiceNumbers();

    PaymentMethodStore paymentMethods();

    PaymentStore payments();

    /**
     * Runs {@code work} atomically: every write it makes through this storage's stores is kept
     * when it returns, and none when it throws (the exception is rethrown as it was). A call made
     * inside {@code work} joins the same transaction.
     */
    <T> T inTransaction(Supplier<T> work);
}
