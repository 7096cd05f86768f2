package org.billingsdk.jdbc;

import static org.billingsdk.jdbc.Db.setInstant;
import static org.billingsdk.jdbc.Db.setUuid;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.CompanyEvent;
import org.billingsdk.core.port.EventOutbox;

/**
 * The transactional outbox in {@code billing_outbox}: events are written in the transaction of the
 * change they describe, read back in the order they were written, and deleted once delivered (the
 * audit trail keeps the history), so that the table stays as small as the backlog.
 */
final class JdbcEventOutbox implements EventOutbox {

    private final Db db;
    private final Tenants tenants;

    JdbcEventOutbox(Db db, Tenants tenants) {
        this.db = db;
        this.tenants = tenants;
    }

    @Override
    public void append(BillingEvent event) {
        appendAll(List.of(event));
    }

    @Override
    public void appendAll(List<BillingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        db.run("outbox.append", connection -> {
            Map<UUID, UUID> roots = tenants.rootsOf(events.stream().map(JdbcEventOutbox::companyOf).toList());
            Db.insertRows(connection, "INSERT INTO billing_outbox (event_id, event_type, payload, occurred_at, "
                    + "root_company_id) VALUES", "(?, ?, ?, ?, ?)", events, (s, first, event) -> {
                        setUuid(s, first, event.eventId());
                        s.setString(first + 1, event.type());
                        s.setString(first + 2, EventCodec.encode(event));
                        setInstant(s, first + 3, event.occurredAt());
                        setUuid(s, first + 4, roots.getOrDefault(companyOf(event), Db.NO_TENANT));
                    });
            return null;
        });
    }

    /** The company an event is about, or null (a catalog change, of no tenant). */
    private static UUID companyOf(BillingEvent event) {
        return event instanceof CompanyEvent companyEvent ? companyEvent.companyId().value() : null;
    }

    @Override
    public List<BillingEvent> findUndelivered(int limit) {
        return db.query("outbox.findUndelivered", "SELECT event_type, payload FROM billing_outbox "
                + "ORDER BY position LIMIT ?", s -> s.setInt(1, limit),
                row -> EventCodec.decode(row.getString("event_type"), row.getString("payload")));
    }

    @Override
    public void markDelivered(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(eventIds);
        for (int from = 0; from < ids.size(); from += Db.MAX_IN_LIST) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + Db.MAX_IN_LIST));
            db.update("outbox.markDelivered", "DELETE FROM billing_outbox WHERE "
                    + db.oneOf("event_id", chunk.size()), s -> db.bindOneOf(s, 1, chunk));
        }
    }
}
