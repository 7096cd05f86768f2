package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;

/**
 * Another company pays for a company's subscriptions from now on: the periods invoiced after it go
 * to the new payer, those invoiced before stay the former payer's.
 *
 * @param eventId the event's id
 * @param occurredAt when it was recorded
 * @param companyId the company paid for
 * @param fromPayerId who paid before (the company itself when it paid for itself)
 * @param toPayerId who pays now (the company itself when it pays for itself)
 * @param why set through the accounts, or undone by a move out of the payer's subtree
 */
public record PayerChanged(UUID eventId, Instant occurredAt, CompanyId companyId, CompanyId fromPayerId,
        CompanyId toPayerId, Why why) implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "PayerChanged";

    /** Why the payer changed. */
    public enum Why {
        /** Someone set it ({@code Accounts.setPayer}). */
        SET,
        /** The company, or an ancestor of it, moved out of its payer's subtree: it pays for itself. */
        MOVED
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "payer changed from " + fromPayerId + " to " + toPayerId + (why == Why.MOVED ? " by a move" : "");
    }
}
