package org.billingsdk.core.subscription;

import java.util.concurrent.atomic.AtomicInteger;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.ForwardingStorage;
import org.billingsdk.core.testing.ForwardingSubscriptionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.billingsdk.core.testing.BillingFixture.actor;


/**
 * An operation that loses a race with a concurrent update is tried again from a fresh read, a few
 * times; what finally fails keeps the races lost before it.
 */
class RetriedTransactionTest {

    /** How many updates of a subscription lose their race before they go through; 0 for none. */
    private final AtomicInteger racesToLose = new AtomicInteger();
    private final AtomicInteger updates = new AtomicInteger();
    private BillingFixture fixture;
    private Company acme;
    private Actor alice;

    @BeforeEach
    void setUp() {
        Storage racing = new ForwardingStorage(InMemoryStorage.create()) {
            @Override
            public SubscriptionStore subscriptions() {
                return new ForwardingSubscriptionStore(super.subscriptions()) {
                    @Override
                    public Subscription update(Subscription subscription) {
                        updates.incrementAndGet();
                        if (racesToLose.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                            throw new ConcurrentUpdateException(EntityKind.SUBSCRIPTION, subscription.id(),
                                    subscription.version());
                        }
                        return super.update(subscription);
                    }
                };
            }
        };
        fixture = BillingFixture.on(racing, CancellationTiming.END_OF_BILLING_PERIOD);
        acme = fixture.root("Acme");
        alice = actor(acme);
    }

    @Test
    void anOperationThatLostItsRaceTwiceIsTriedAgainAndGoesThrough() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.monthly.id());
        racesToLose.set(2);
        updates.set(0);

        CancelResult result = fixture.billing.subscriptions().cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED);

        assertThat(result).isInstanceOf(CancelResult.Scheduled.class);
        assertThat(updates).hasValue(3);
        assertThat(fixture.billing.subscriptions().find(alice, subscription.id()).scheduledCancellation())
                .isEqualTo(((CancelResult.Scheduled) result).effectiveOn());
    }

    @Test
    void theRaceLostLastIsThrownWithTheRacesLostBeforeItAsSuppressedAndNothingIsStored() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.monthly.id());
        racesToLose.set(Integer.MAX_VALUE);
        updates.set(0);

        ConcurrentUpdateException thrown = catchThrowableOfType(ConcurrentUpdateException.class,
                () -> fixture.billing.subscriptions().cancel(alice, subscription.id(), DataErasure.ACKNOWLEDGED));

        assertThat(updates).hasValue(8);
        assertThat(thrown.getSuppressed()).hasSize(7)
                .allSatisfy(earlier -> assertThat(earlier).isInstanceOf(ConcurrentUpdateException.class)
                        .isNotSameAs(thrown));
        racesToLose.set(0);
        assertThat(fixture.billing.subscriptions().find(alice, subscription.id()).scheduledCancellation()).isNull();
    }
}
