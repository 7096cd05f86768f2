package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.invoice.InvoiceId;

/**
 * A company's credit balance moved: by {@code amount} (below zero when credit was applied to an
 * invoice) to {@code balance}, for the reason {@code kind} names, with the credit note or invoice
 * that moved it ({@code null} when none).
 */
public record CreditBalanceChanged(UUID eventId, Instant occurredAt, CompanyId companyId, MonetaryAmount amount,
        MonetaryAmount balance, CreditEntry.Kind kind, CreditNoteId creditNoteId, InvoiceId invoiceId)
        implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "CreditBalanceChanged";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "credit balance " + (amount.isNegative() ? "" : "+") + Amounts.format(amount) + " (" + kind
                + "), now " + Amounts.format(balance);
    }
}
