package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.CancellationRevoked;
import org.billingsdk.core.event.CancellationScheduled;
import org.billingsdk.core.event.SubscriptionReactivated;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real threads against one Billing on the in-memory storage (or the one a subclass gives): nothing
 * lost, nothing duplicated.
 */
public class ConcurrentOperationsTest extends OnEveryStorage {

    private static final int THREADS = 8;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private Company acme;
    private Actor alice;

    @BeforeEach
    void setUp() {
        acme = fixture.root("Acme");
        alice = actor(acme);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void concurrentCancelAndRemoveLoseNoUpdateAndEveryChangeHasItsEvent() throws Exception {
        List<Subscription> contracts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            contracts.add(fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.contract.id()));
        }
        fixture.events.clear();

        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < 200; i++) {
                    SubscriptionId id = contracts.get((thread + i) % contracts.size()).id();
                    if ((thread + i) % 2 == 0) {
                        fixture.billing.subscriptions().cancel(alice, id, DataErasure.ACKNOWLEDGED);
                    } else {
                        fixture.billing.subscriptions().removeScheduledCancellation(alice, id);
                    }
                }
                return null;
            });
        }
        runTogether(tasks);

        for (Subscription contract : contracts) {
            Subscription stored = fixture.storage.subscriptions().findById(contract.id()).orElseThrow();
            long scheduled = fixture.events.eventsOf(CancellationScheduled.class).stream()
                    .filter(e -> e.subscriptionId().equals(contract.id())).count();
            long revoked = fixture.events.eventsOf(CancellationRevoked.class).stream()
                    .filter(e -> e.subscriptionId().equals(contract.id())).count();
            assertThat(stored.version() - contract.version()).isEqualTo(scheduled + revoked);
            assertThat(scheduled - revoked).isEqualTo(stored.scheduledCancellation().isPresent() ? 1 : 0);
        }
    }

    @Test
    void concurrentReactivationsOfOneSubscriptionMakeExactlyOneSuccessor() throws Exception {
        Subscription old = fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.monthly.id());
        fixture.billing.subscriptions().cancel(alice, old.id(), DataErasure.ACKNOWLEDGED);

        List<Callable<ReactivateResult>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            tasks.add(() -> fixture.billing.subscriptions().reactivate(alice, old.id()));
        }
        List<ReactivateResult> results = runTogether(tasks);

        assertThat(results).filteredOn(ReactivateResult.Reactivated.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(ReactivateResult.Refused.class::isInstance).hasSize(THREADS - 1);
        assertThat(fixture.events.eventsOf(SubscriptionReactivated.class)).hasSize(1);
        assertThat(fixture.environments.liveEnvironments()).hasSize(1);
    }

    private <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
