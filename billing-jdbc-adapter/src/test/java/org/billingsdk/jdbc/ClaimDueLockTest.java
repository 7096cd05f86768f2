package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, the billing run's claim holds the page it answers until the transaction that
 * claimed it ends: another node's claim meanwhile skips those subscriptions and takes the next
 * ones, and once the transaction has ended without advancing them they can be claimed again.
 */
class ClaimDueLockTest {

    @Test
    void aPageClaimedInAnOpenTransactionIsSkippedByAnotherNodeUntilThatTransactionEnds() throws Exception {
        DataSource database = TestDatabases.postgres();
        BillingFixture fixture = BillingFixture.on(JdbcStorage.forDataSource(database));
        Company acme = fixture.root("Acme");
        for (int i = 0; i < 3; i++) {
            fixture.billing.subscriptions().subscribe(BillingFixture.actor(acme), acme.id(), fixture.monthly.id());
        }
        fixture.advance(Duration.ofDays(31));
        Instant now = fixture.clock.instant();
        JdbcStorage nodeA = JdbcStorage.forDataSource(database);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch looked = new CountDownLatch(1);
        AtomicReference<List<SubscriptionId>> claimedByA = new AtomicReference<>();

        try (HikariDataSource otherPool = TestDatabases.secondPostgresPool("billing-node-b")) {
            JdbcStorage nodeB = JdbcStorage.forDataSource(otherPool);
            CompletableFuture<Void> pageOfA = CompletableFuture.runAsync(() -> nodeA.inTransaction(() -> {
                claimedByA.set(ids(nodeA.subscriptions().claimDue(now, null, 2)));
                claimed.countDown();
                await(looked);
                throw new IllegalStateException("the page failed");
            }));
            assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

            List<SubscriptionId> claimedByB = ids(nodeB.subscriptions().claimDue(now, null, 10));
            looked.countDown();

            assertThat(claimedByA.get()).hasSize(2);
            assertThat(claimedByB).hasSize(1).doesNotContainAnyElementsOf(claimedByA.get());
            assertThatThrownBy(() -> pageOfA.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("the page failed");
            assertThat(ids(nodeB.subscriptions().claimDue(now, null, 10)))
                    .as("claimable again once the transaction that claimed them has ended")
                    .hasSize(3).containsAll(claimedByA.get());
        }
    }

    private static List<SubscriptionId> ids(List<Subscription> subscriptions) {
        return subscriptions.stream().map(Subscription::id).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other node never looked");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
