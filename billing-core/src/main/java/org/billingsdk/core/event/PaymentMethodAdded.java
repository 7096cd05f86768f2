package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.company.CompanyId;

/** A payment method was set up and added; {@code isDefault} tells whether invoices are now charged to it. */
public record PaymentMethodAdded(UUID eventId, Instant occurredAt, CompanyId companyId, PaymentMethodId paymentMethodId, String display, boolean isDefault) implements CompanyEvent {

    @Override
    public String describe() {
        return "payment method " + display + " added" + (isDefault ? " as default" : "");
    }
}
