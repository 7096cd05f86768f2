package org.billingsdk.jdbc;

import static org.billingsdk.jdbc.Db.setInstant;
import static org.billingsdk.jdbc.Db.setUuid;

import java.util.Collection;
import java.util.List;
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

    JdbcEventOutbox(Db db) {
        this.db = db;
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
            Db.insertRows(connection, "INSERT INTO billing_outbox (event_id, event_type, payload, occurred_at, "
                    + "root_company_id) VALUES", "(?, ?, ?, ?, "
                    + "COALESCE((SELECT root_company_id FROM billing_company WHERE id = ?), ?))", events,
                    (s, first, event) -> {
                        UUID company = event instanceof CompanyEvent companyEvent
                                ? companyEvent.companyId().value() : null;
                        setUuid(s, first, event.eventId());
                        s.setString(first + 1, event.type());
                        s.setString(first + 2, EventCodec.encode(event));
                        setInstant(s, first + 3, event.occurredAt());
                        setUuid(s, first + 4, company);
                        setUuid(s, first + 5, Db.NO_TENANT);
                    });
            return null;
        });
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
        db.update("outbox.markDelivered", "DELETE FROM billing_outbox WHERE " + db.oneOf("event_id", ids.size()),
                s -> db.bindOneOf(s, 1, ids));
    }
}
