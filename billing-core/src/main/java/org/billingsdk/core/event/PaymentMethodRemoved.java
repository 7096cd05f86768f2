package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.PaymentMethodId;

/** A payment method was removed and detached at the provider. */
public record PaymentMethodRemoved(UUID eventId, Instant occurredAt, CompanyId companyId, PaymentMethodId paymentMethodId, String display) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "PaymentMethodRemoved";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "payment method " + display + " removed";
    }
}
