package org.billingsdk.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.billingsdk.core.Billing;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.port.EventOutbox;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.FakeEnvironments;
import org.billingsdk.core.testing.ForwardingStorage;
import org.junit.jupiter.api.Test;

/** Domain events reach the sink with an audit record each, and again after the sink refused them. */
public class EventDeliveryTest {

    /**
     * A new, empty storage for each fixture this test builds; in memory here, overridden by the
     * storage adapters' test suites to run the same tests on their storage.
     */
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }

    @Test
    void everyChangeEmitsOneEventAndOneAuditRecordNamingWhoAndForWhichCompany() {
        BillingFixture fixture = BillingFixture.on(newStorage());
        Company acme = fixture.root("Acme");
        fixture.events.clear();

        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        fixture.billing.subscriptions().cancel(actor(acme), subscription.id(), DataErasure.ACKNOWLEDGED);

        assertThat(fixture.events.events()).map(BillingEvent::type).containsExactly("SubscriptionStarted",
                "InvoiceIssued", "PaymentSucceeded", "InvoicePaid", "SubscriptionCancelled", "SubscriptionDataErased");
        List<AuditRecord> trail = fixture.billing.audit().ofCompany(actor(acme), acme.id(), 10);
        assertThat(trail).map(AuditRecord::action).containsExactly("SubscriptionDataErased", "SubscriptionCancelled",
                "InvoicePaid", "PaymentSucceeded", "InvoiceIssued", "SubscriptionStarted", "PaymentMethodAdded",
                "CompanyRegistered");
        assertThat(trail.get(1)).satisfies(record -> {
            assertThat(record.who()).isEqualTo(actor(acme).user());
            assertThat(record.onBehalfOf()).isEqualTo(acme.id());
            assertThat(record.companyId()).isEqualTo(acme.id());
            assertThat(record.at()).isEqualTo(fixture.clock.instant());
        });
        assertThat(trail.get(7).who()).isEqualTo(AuditRecord.PLATFORM);
        assertThat(trail).map(AuditRecord::id)
                .doesNotHaveDuplicates()
                .containsAll(fixture.events.events().stream().map(BillingEvent::eventId).toList());
    }

    @Test
    void eventsASinkRefusedAreDeliveredAgainInOrderLater() {
        AtomicBoolean sinkDown = new AtomicBoolean(true);
        List<BillingEvent> received = new ArrayList<>();
        Billing billing = Billing.builder()
                .storage(newStorage())
                .environments(new FakeEnvironments())
                .payments(new SimulatedPaymentProvider())
                .seller(BillingFixture.SELLER)
                .events(event -> {
                    if (sinkDown.get()) {
                        throw new IllegalStateException("broker unavailable");
                    }
                    received.add(event);
                })
                .build();

        Company first = billing.accounts().register(NewCompany.of("First", "first@example.com"));
        Company second = billing.accounts().register(NewCompany.of("Second", "second@example.com"));
        assertThat(received).isEmpty();

        sinkDown.set(false);
        billing.run(java.time.Instant.now(java.time.Clock.systemUTC()));

        assertThat(received).map(e -> ((CompanyRegistered) e).companyId()).containsExactly(first.id(), second.id());
        billing.run(java.time.Instant.now(java.time.Clock.systemUTC()));
        assertThat(received).hasSize(2);
    }

    @Test
    void aStorageFailureWhileDeliveringEventsAfterASubscribeNeitherFailsItNorErasesTheNewEnvironment() {
        AtomicBoolean outboxUnreachable = new AtomicBoolean();
        BillingFixture fixture = BillingFixture.on(new ForwardingStorage(newStorage()) {
            @Override
            public EventOutbox outbox() {
                return new UnreachableWhile(delegate.outbox(), outboxUnreachable);
            }
        });
        Company acme = fixture.root("Acme");
        outboxUnreachable.set(true);

        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(),
                fixture.monthly.id());

        assertThat(fixture.environments.isLive(subscription.environmentId())).as("the stored subscription's environment")
                .isTrue();
        assertThat(fixture.environments.erased()).isEmpty();
        outboxUnreachable.set(false);
        fixture.billing.run(fixture.clock.instant());
        assertThat(fixture.events.eventsOf(SubscriptionStarted.class)).singleElement()
                .satisfies(started -> assertThat(started.subscriptionId()).isEqualTo(subscription.id()));
    }

    /** An outbox that keeps events but cannot be read while {@code unreachable}, as after a lost connection. */
    private record UnreachableWhile(EventOutbox delegate, AtomicBoolean unreachable) implements EventOutbox {

        @Override
        public void append(BillingEvent event) {
            delegate.append(event);
        }

        @Override
        public void appendAll(List<BillingEvent> events) {
            delegate.appendAll(events);
        }

        @Override
        public List<BillingEvent> findUndelivered(int limit) {
            if (unreachable.get()) {
                throw new StorageException("outbox.findUndelivered", "connection lost", null);
            }
            return delegate.findUndelivered(limit);
        }

        @Override
        public void markDelivered(Collection<UUID> eventIds) {
            delegate.markDelivered(eventIds);
        }
    }
}
