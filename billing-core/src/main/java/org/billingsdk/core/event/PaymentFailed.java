package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;

/** A payment attempt was declined, or could not be made; {@code nextAttemptAt} is null after the last one. */
public record PaymentFailed(UUID eventId, Instant occurredAt, CompanyId companyId, InvoiceId invoiceId, int attempt, String failureCode, Instant nextAttemptAt) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "PaymentFailed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "payment attempt " + attempt + " of invoice " + invoiceId + " failed (" + failureCode + ")" + (nextAttemptAt == null ? "; no retry left" : "; retry at " + nextAttemptAt);
    }
}
