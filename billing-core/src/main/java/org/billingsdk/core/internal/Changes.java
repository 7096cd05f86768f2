package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.CompanyEvent;
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
