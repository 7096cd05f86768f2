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
    private final List<BillingEvent> events = new ArrayList<>();
    private final List<AuditRecord> audit = new ArrayList<>();

    Changes(Storage storage, Who who, Instant now) {
        this.storage = storage;
        this.who = who;
        this.now = now;
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
