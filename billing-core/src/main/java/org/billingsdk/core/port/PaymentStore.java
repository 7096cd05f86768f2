package org.billingsdk.core.port;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.Payment;

/** Keeps payment attempts. Writes are versioned like {@link CompanyStore}'s. Thread-safe. */
public interface PaymentStore {

    /**
     * @throws org.billingsdk.core.DuplicateKeyException if its id or its idempotency key is taken
     */
    Payment insert(Payment payment);

    /**
     * @throws org.billingsdk.core.ConcurrentUpdateException if the stored version differs
     * @throws org.billingsdk.core.NotFoundException if there is no such payment
     */
    Payment update(Payment payment);

    Optional<Payment> findByIdempotencyKey(String idempotencyKey);

    /** The attempts on the given invoices, by invoice, oldest attempt first. */
    List<Payment> findByInvoices(Collection<InvoiceId> invoiceIds);
}
