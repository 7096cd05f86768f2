package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.CompanyEvent;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.port.Storage;

/**
 * The events of one operation, written inside its transaction when the work is done: each goes to
 * the outbox with its audit record, so that a change, its event and its audit record are kept or
 * lost together.
 */
public final class Changes {

    private final Storage storage;
    private final Who who;
    private final Instant now;
    private final int attempt;
    private final List<BillingEvent> events = new ArrayList<>();
    private final List<AuditRecord> audit = new ArrayList<>();
    private final Map<InvoiceId, CreditEntry> applied = new HashMap<>();

    Changes(Storage storage, Who who, Instant now, int attempt) {
        this.storage = storage;
        this.who = who;
        this.now = now;
        this.attempt = attempt;
    }

    /**
     * Which try of its transaction this is: 1 for the first, more after a lost race. A
     * transaction that may use what it was handed from before the transaction (rows read ahead)
     * does so on the first try only, and reads afresh after.
     */
    public int attempt() {
        return attempt;
    }

    /** The operation's time. */
    public Instant now() {
        return now;
    }

    /** A new event id. */
    public UUID newId() {
        return Uuids.unique();
    }

    /** Records an event and its audit record; both are written with the transaction's other writes. */
    public void record(BillingEvent event) {
        CompanyId company = event instanceof CompanyEvent companyEvent ? companyEvent.companyId() : null;
        events.add(event);
        audit.add(new AuditRecord(event.eventId(), event.occurredAt(), who.user(), who.onBehalfOf(), company,
                event.type(), event.describe()));
    }

    /**
     * Keeps the credit an invoice's issue applied from the balance until its issue is recorded,
     * so that the balance's event follows the invoice's.
     */
    void remember(InvoiceId invoice, CreditEntry entry) {
        applied.put(invoice, entry);
    }

    /** The credit {@link #remember} kept for an invoice, forgotten from then on; {@code null} if none. */
    CreditEntry recall(InvoiceId invoice) {
        return applied.remove(invoice);
    }

    /** Writes what was recorded, in one batch each, inside the transaction. */
    void flush() {
        if (!events.isEmpty()) {
            storage.outbox().appendAll(List.copyOf(events));
            storage.audit().appendAll(List.copyOf(audit));
            events.clear();
            audit.clear();
        }
    }
}
