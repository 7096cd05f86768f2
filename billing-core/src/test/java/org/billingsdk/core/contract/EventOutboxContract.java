package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.anEvent;
import static org.billingsdk.core.contract.ContractData.eventsWithEmptyOptionalFields;
import static org.billingsdk.core.contract.ContractData.oneEventOfEachType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.CompanyRegistered;
import org.billingsdk.core.port.EventOutbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link EventOutbox}: appended events wait, equal to what was appended, in the
 * order they were appended (not merely by their time: one operation emits several events of one
 * instant), until they are marked delivered; marking is idempotent and ignores ids it does not
 * know. Events of every type the SDK emits round-trip. Run it on an implementation with:
 *
 * <pre>{@code
 * class PostgresEventOutboxTest extends EventOutboxContract {
 *     // TestDatabases.postgres(): the adapter's test database, migrated, emptied before each test
 *     protected Storage newStorage() { return JdbcStorage.forDataSource(TestDatabases.postgres()); }
 * }
 * }</pre>
 */
public abstract class EventOutboxContract extends StorageContract {

    private EventOutbox outbox() {
        return storage.outbox();
    }

    @Test
    public void anEmptyOutboxHasNothingUndelivered() {
        assertThat(outbox().findUndelivered(10)).isEmpty();
    }

    @Test
    public void appendedEventsWaitOldestFirst() {
        List<BillingEvent> appended = appendEvents(5);

        assertThat(outbox().findUndelivered(10)).containsExactlyElementsOf(appended);
    }

    @Test
    public void theLimitKeepsTheOldestEvents() {
        List<BillingEvent> appended = appendEvents(7);

        assertThat(outbox().findUndelivered(3)).containsExactlyElementsOf(appended.subList(0, 3));
        assertThat(outbox().findUndelivered(1)).containsExactly(appended.get(0));
        assertThat(outbox().findUndelivered(7)).containsExactlyElementsOf(appended);
    }

    @Test
    public void eventsOfOneInstantKeepTheirAppendOrder() {
        List<BillingEvent> appended = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            appended.add(append(anEvent(NOW)));
        }

        assertThat(outbox().findUndelivered(10)).containsExactlyElementsOf(appended);
    }

    @Test
    public void deliveredEventsAreGoneAndTheRestKeepTheirOrder() {
        List<BillingEvent> appended = appendEvents(5);

        outbox().markDelivered(List.of(appended.get(0).eventId(), appended.get(2).eventId()));

        assertThat(outbox().findUndelivered(10)).containsExactly(appended.get(1), appended.get(3), appended.get(4));
        assertThat(outbox().findUndelivered(1)).containsExactly(appended.get(1));
    }

    @Test
    public void markingEveryEventDeliveredEmptiesTheOutbox() {
        List<BillingEvent> appended = appendEvents(4);

        outbox().markDelivered(appended.stream().map(BillingEvent::eventId).toList());

        assertThat(outbox().findUndelivered(10)).isEmpty();
    }

    @Test
    public void markingThousandsOfEventsDeliveredAtOnceEmptiesTheOutbox() {
        List<BillingEvent> appended = appendEvents(2_500);

        outbox().markDelivered(appended.stream().map(BillingEvent::eventId).toList());

        assertThat(outbox().findUndelivered(3_000)).isEmpty();
    }

    @Test
    public void unknownIdsAreIgnored() {
        List<BillingEvent> appended = appendEvents(2);

        outbox().markDelivered(List.of(UUID.randomUUID(), appended.get(1).eventId(), UUID.randomUUID()));

        assertThat(outbox().findUndelivered(10)).containsExactly(appended.get(0));
    }

    @Test
    public void markingTwiceIsHarmless() {
        List<BillingEvent> appended = appendEvents(3);
        List<UUID> first = List.of(appended.get(0).eventId());

        outbox().markDelivered(first);
        outbox().markDelivered(first);
        outbox().markDelivered(List.of(appended.get(0).eventId(), appended.get(0).eventId()));

        assertThat(outbox().findUndelivered(10)).containsExactly(appended.get(1), appended.get(2));
    }

    @Test
    public void markingNothingIsHarmless() {
        List<BillingEvent> appended = appendEvents(2);

        outbox().markDelivered(List.of());
        outbox().markDelivered(Set.of());

        assertThat(outbox().findUndelivered(10)).containsExactlyElementsOf(appended);
    }

    @Test
    public void eventsAppendedAfterADeliveryComeAfterTheRest() {
        List<BillingEvent> before = appendEvents(2);
        outbox().markDelivered(List.of(before.get(0).eventId()));

        BillingEvent after = append(anEvent(NOW.minus(Duration.ofDays(1))));

        assertThat(outbox().findUndelivered(10)).containsExactly(before.get(1), after);
    }

    @Test
    public void eventsOfEveryTypeRoundTripEqual() {
        List<BillingEvent> events = oneEventOfEachType(NOW);
        assertThat(events).extracting(Object::getClass).as("one sample of every event type")
                .containsExactlyInAnyOrderElementsOf(concreteEventTypes());

        events.forEach(outbox()::append);

        assertThat(outbox().findUndelivered(100)).containsExactlyElementsOf(events);
    }

    @Test
    public void eventsWithEmptyOptionalFieldsRoundTripEqual() {
        List<BillingEvent> events = eventsWithEmptyOptionalFields(NOW);

        events.forEach(outbox()::append);

        assertThat(outbox().findUndelivered(100)).containsExactlyElementsOf(events);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyTexts")
    public void textInEventsIsKeptVerbatim(String text) {
        BillingEvent event = append(new CompanyRegistered(UUID.randomUUID(), NOW, CompanyId.random(), null, text));

        assertThat(outbox().findUndelivered(10)).containsExactly(event);
    }

    private BillingEvent append(BillingEvent event) {
        outbox().append(event);
        return event;
    }

    /** Appends {@code count} events of different types, a second apart, oldest first. */
    private List<BillingEvent> appendEvents(int count) {
        List<BillingEvent> appended = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<BillingEvent> samples = oneEventOfEachType(NOW.plus(Duration.ofSeconds(i)).plus(MICROSECOND));
            appended.add(append(samples.get(i * 5 % samples.size())));
        }
        return appended;
    }

    /** Every record type the sealed {@link BillingEvent} hierarchy permits. */
    private static Set<Class<?>> concreteEventTypes() {
        Set<Class<?>> types = new HashSet<>();
        List<Class<?>> open = new ArrayList<>(List.of(BillingEvent.class));
        while (!open.isEmpty()) {
            Class<?> type = open.remove(open.size() - 1);
            if (type.isSealed()) {
                open.addAll(List.of(type.getPermittedSubclasses()));
            } else {
                types.add(type);
            }
        }
        return types;
    }
}
