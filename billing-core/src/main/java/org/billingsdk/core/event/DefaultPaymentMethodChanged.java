package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.company.CompanyId;

/** Invoices are now charged to another payment method. */
public record DefaultPaymentMethodChanged(UUID eventId, Instant occurredAt, CompanyId companyId, PaymentMethodId paymentMethodId, String display) implements CompanyEvent {

    @Override
    public String describe() {
        return "default payment method is now " + display;
    }
}
