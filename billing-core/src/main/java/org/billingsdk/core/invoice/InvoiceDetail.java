package org.billingsdk.core.invoice;

import java.util.List;
import java.util.Objects;
import org.billingsdk.core.payment.Payment;

/** An invoice with every payment attempt made on it, oldest first; immutable. */
public record InvoiceDetail(Invoice invoice, List<Payment> payments) {

    public InvoiceDetail {
        Objects.requireNonNull(invoice, "invoice");
        payments = List.copyOf(payments);
    }
}
