package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.company.CompanyId;

/** A payment method was removed and detached at the provider. */
public record PaymentMethodRemoved(UUID eventId, Instant occurredAt, CompanyId companyId, PaymentMethodId paymentMethodId, String display) implements CompanyEvent {

    @Override
    public String describe() {
        return "payment method " + display + " removed";
    }
}
