package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.util.function.Supplier;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.ForwardingStorage;
import org.billingsdk.core.testing.ForwardingSubscriptionStore;
import org.junit.jupiter.api.Test;

/**
 * Subscribing provisions an environment, then stores the subscription. When storing reports a
 * failure, the environment is given back only if the subscription is known not to be stored: a
 * commit whose answer was lost leaves a live subscription that keeps its environment, and a
 * storage that cannot tell keeps the environment rather than risk erasing a customer's data.
 */
class LostCommitAnswerTest {

    /**
     * A storage that, once armed, reports a failure after committing the transaction that inserted
     * a subscription (a connection lost while the commit's answer was on its way), and can refuse
     * every read afterwards.
     */
    private static final class LosingStorage extends ForwardingStorage {
        volatile boolean loseNextSubscriptionCommit;
        volatile boolean unreachableOnceLost;
        volatile boolean readsFail;
        volatile boolean insertsFail;
        private final ThreadLocal<Boolean> insertedSubscription = ThreadLocal.withInitial(() -> false);
        private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

        LosingStorage() {
            super(InMemoryStorage.create());
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (readsFail && depth.get() == 0) {
                throw new StorageException("begin", "the database is unreachable", null);
            }
            depth.set(depth.get() + 1);
            T result;
            try {
                result = delegate.inTransaction(work);
            } finally {
                depth.set(depth.get() - 1);
            }
            if (depth.get() == 0 && insertedSubscription.get()) {
                insertedSubscription.set(false);
                if (loseNextSubscriptionCommit) {
                    loseNextSubscriptionCommit = false;
                    readsFail = unreachableOnceLost;
                    throw new StorageException("commit", "connection reset while committing", null);
                }
            }
            return result;
        }

        @Override
        public SubscriptionStore subscriptions() {
            return new ForwardingSubscriptionStore(delegate.subscriptions()) {
                @Override
                public Subscription insert(Subscription subscription) {
                    if (insertsFail) {
                        throw new StorageException("subscriptions.insert", "disk full", null);
                    }
                    Subscription stored = delegate.insert(subscription);
                    insertedSubscription.set(true);
                    return stored;
                }
            };
        }
    }

    private final LosingStorage storage = new LosingStorage();
    private final BillingFixture fixture = BillingFixture.builder().storage(storage).build();
    private final Company acme = fixture.root("Acme");

    @Test
    void aSubscriptionStoredThoughItsCommitReportedAFailureIsReturnedAndKeepsItsEnvironment() {
        storage.loseNextSubscriptionCommit = true;

        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(),
                fixture.monthly.id());

        assertThat(fixture.billing.subscriptions().find(actor(acme), subscription.id()).state())
                .isEqualTo(SubscriptionState.ACTIVE);
        assertThat(fixture.environments.isLive(subscription.environmentId())).isTrue();
        assertThat(fixture.environments.erased()).isEmpty();
    }

    @Test
    void whenTheStorageCannotTellWhetherTheSubscriptionWasStoredTheFailureIsThrownAndTheEnvironmentKept() {
        storage.loseNextSubscriptionCommit = true;
        storage.unreachableOnceLost = true;

        assertThatThrownBy(() -> fixture.billing.subscriptions().subscribe(actor(acme), acme.id(),
                fixture.monthly.id()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("connection reset while committing");

        assertThat(fixture.environments.provisionedCount()).isEqualTo(1);
        assertThat(fixture.environments.liveEnvironments()).hasSize(1);
        assertThat(fixture.environments.erased()).isEmpty();
    }

    @Test
    void aSubscriptionKnownNotToBeStoredGivesItsEnvironmentBack() {
        storage.insertsFail = true;

        assertThatThrownBy(() -> fixture.billing.subscriptions().subscribe(actor(acme), acme.id(),
                fixture.monthly.id()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("disk full");

        assertThat(fixture.environments.provisionedCount()).isEqualTo(1);
        assertThat(fixture.environments.liveEnvironments()).isEmpty();
        assertThat(fixture.environments.erased()).hasSize(1);
    }
}
