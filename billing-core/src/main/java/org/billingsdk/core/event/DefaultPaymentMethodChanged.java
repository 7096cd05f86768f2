package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.PaymentMethodId;

/** Invoices are now charged to another payment method. */
public record DefaultPaymentMethodChanged(UUID eventId, Instant occurredAt, CompanyId companyId, PaymentMethodId paymentMethodId, String display) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "DefaultPaymentMethodChanged";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "default payment method is now " + display;
    }
}
