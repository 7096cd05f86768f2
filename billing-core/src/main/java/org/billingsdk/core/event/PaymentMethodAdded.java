package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.PaymentMethodId;

/** A payment method was set up and added; {@code isDefault} tells whether invoices are now charged to it. */
public record PaymentMethodAdded(UUID eventId, Instant occurredAt, CompanyId companyId, PaymentMethodId paymentMethodId, String display, boolean isDefault) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "PaymentMethodAdded";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "payment method " + display + " added" + (isDefault ? " as default" : "");
    }
}
