package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened in billing, delivered to the host's {@link org.billingsdk.core.port.EventSink}
 * at least once (a storage with an outbox makes that reliable); immutable. Deliveries can repeat:
 * the {@link #eventId()} tells repeats apart.
 */
public sealed interface BillingEvent permits CompanyEvent, CatalogEvent {

    /** {@return the event's id: unique per event, the same in every delivery of it} */
    UUID eventId();

    /** {@return when it happened, by the billing clock} */
    Instant occurredAt();

    /**
     * {@return the event's stable name, such as {@code SubscriptionCancelled}} Each event record
     * declares it as its {@code TYPE} constant; it never changes, so that a storage keeping events
     * by it reads them back whatever the record is called later.
     */
    String type();

    /** {@return a one-line description for people (audit trails, logs)} */
    String describe();
}
