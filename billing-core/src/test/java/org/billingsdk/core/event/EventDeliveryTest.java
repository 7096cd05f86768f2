package org.billingsdk.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.billingsdk.core.Billing;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.FakeEnvironments;
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
        List<AuditRecord> trail = fixture.billing.accounts().auditTrail(actor(acme), acme.id(), 10);
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
}
