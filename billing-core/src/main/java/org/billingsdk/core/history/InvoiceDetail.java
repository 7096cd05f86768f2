package org.billingsdk.core.history;

import java.util.List;
import java.util.Objects;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.payment.Payment;

/**
 * An invoice with every payment attempt made on it, oldest first; immutable.
 *
 * @param invoice the invoice, never a draft
 * @param payments its payment attempts, oldest first; empty before the first
 */
public record InvoiceDetail(Invoice invoice, List<Payment> payments) {

    /**
     * Checks that the invoice is given and copies the payments.
     *
     * @param invoice not {@code null}
     * @param payments not {@code null}; copied
     * @throws NullPointerException if either, or a payment, is {@code null}
     */
    public InvoiceDetail {
        Objects.requireNonNull(invoice, "invoice");
        payments = List.copyOf(payments);
    }
}
