package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aChildOf;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.anAuditRecord;
import static org.billingsdk.core.contract.ContractData.anEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.subscription.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link Storage#inTransaction}: the work's result is answered; a throw (an
 * exception or an error) undoes every write the work made through any of the stores, updates
 * included, and comes out as it was thrown; a nested call joins the outer transaction; and
 * transactions on {@value #THREADS} threads that read, modify and write one aggregate with
 * versioned updates, retrying on {@link org.billingsdk.core.ConcurrentUpdateException} as the
 * SDK does, lose no update. Run it on an implementation with:
 *
 * <pre>{@code
 * class JdbcTransactionTest extends TransactionContract {
 *     protected Storage newStorage() { return JdbcStorage.create(freshSchema()); }
 * }
 * }</pre>
 */
public abstract class TransactionContract extends StorageContract {

    private static final int THREADS = 8;
    private static final int UPDATES_PER_THREAD = 25;
    private static final int ATTEMPTS_PER_THREAD = 10_000;
    private static final long TIMEOUT_SECONDS = 60;

    private Company company;
    private Plan plan;

    @BeforeEach
    public final void insertACompanyAndAPlan() {
        company = storage.companies().insert(aCompany("Acme"));
        Product product = aProduct();
        storage.catalog().insertProduct(product);
        plan = aPlan(product);
        storage.catalog().insertPlan(plan);
    }

    @Test
    public void theWorksResultIsAnswered() {
        String result = storage.inTransaction(() -> "result");
        Object nothing = storage.inTransaction(() -> null);

        assertThat(result).isEqualTo("result");
        assertThat(nothing).isNull();
    }

    @Test
    public void theWritesOfACompletedTransactionAreKept() {
        Company child = aChildOf(company);
        Subscription subscription = aSubscription(company, plan);
        AuditRecord record = anAuditRecord(company.id(), NOW);
        BillingEvent event = anEvent(NOW);

        Company renamed = storage.inTransaction(() -> {
            storage.companies().insert(child);
            storage.subscriptions().insert(subscription);
            storage.audit().append(record);
            storage.outbox().append(event);
            return storage.companies().update(company.withName("Renamed"));
        });

        assertThat(storage.companies().findById(company.id())).contains(renamed);
        assertThat(storage.companies().findById(child.id())).contains(child.withVersion(1));
        assertThat(storage.subscriptions().findById(subscription.id())).contains(subscription.withVersion(1));
        assertThat(storage.audit().findByCompany(company.id(), 10)).containsExactly(record);
        assertThat(storage.outbox().findUndelivered(10)).containsExactly(event);
    }

    @Test
    public void aThrowRollsBackEveryWriteOfEveryStoreAndComesOutAsThrown() {
        Subscription existing = storage.subscriptions()
                .insert(aSubscription(company, plan).invoicedThrough(NOW.plus(Duration.ofDays(30))));
        Company child = aChildOf(company);
        Product product = aProduct("xdr");
        Plan newPlan = aPlan(product);
        Subscription subscription = aSubscription(company, plan);
        AuditRecord record = anAuditRecord(company.id(), NOW);
        BillingEvent event = anEvent(NOW);
        RuntimeException failure = new IllegalStateException("the work failed");

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().insert(child);
            storage.companies().update(company.withName("Renamed"));
            storage.catalog().insertProduct(product);
            storage.catalog().insertPlan(newPlan);
            storage.subscriptions().insert(subscription);
            storage.subscriptions().update(existing.scheduleCancellation(NOW.plus(Duration.ofDays(1))));
            storage.audit().append(record);
            storage.outbox().append(event);
            throw failure;
        })).isSameAs(failure);

        assertThat(storage.companies().findById(child.id())).isEmpty();
        assertThat(storage.companies().findChildren(company.id())).isEmpty();
        assertThat(storage.companies().findById(company.id())).contains(company);
        assertThat(storage.catalog().findProduct(product.code())).isEmpty();
        assertThat(storage.catalog().findPlan(newPlan.id())).isEmpty();
        assertThat(storage.subscriptions().findById(subscription.id())).isEmpty();
        assertThat(storage.subscriptions().findById(existing.id())).contains(existing);
        assertThat(storage.subscriptions().findByCompanies(List.of(company.id()))).containsExactly(existing);
        assertThat(storage.subscriptions().findDue(NOW.plus(Duration.ofDays(2)), null, 10)).isEmpty();
        assertThat(storage.audit().findByCompany(company.id(), 10)).isEmpty();
        assertThat(storage.outbox().findUndelivered(10)).isEmpty();
    }

    @Test
    public void aRolledBackUpdateLeavesTheStoredVersionForTheNextUpdate() {
        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().update(company.withName("Rolled back"));
            throw new IllegalStateException("the work failed");
        })).isInstanceOf(IllegalStateException.class);

        Company updated = storage.companies().update(company.withName("Kept"));

        assertThat(updated.version()).isEqualTo(2);
        assertThat(storage.companies().findById(company.id())).contains(updated);
    }

    @Test
    public void aRolledBackMoveLeavesTheCompanyUnderItsFormerParent() {
        Company formerParent = storage.companies().insert(aChildOf(company, "Former parent"));
        Company newParent = storage.companies().insert(aChildOf(company, "New parent"));
        Company moving = storage.companies().insert(aChildOf(formerParent, "Moving"));

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().update(moving.withParent(newParent.id()));
            throw new IllegalStateException("the work failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(storage.companies().findById(moving.id())).contains(moving);
        assertThat(storage.companies().findChildren(formerParent.id())).containsExactly(moving);
        assertThat(storage.companies().findChildren(newParent.id())).isEmpty();
        assertThat(storage.companies().isSameOrDescendant(newParent.id(), moving.id())).isFalse();
        assertThat(storage.companies().findSubtree(formerParent.id())).containsExactly(formerParent, moving);
    }

    @Test
    public void anErrorRollsBackAndComesOutAsThrown() {
        Company child = aChildOf(company);
        Error failure = new AssertionError("the work failed badly");

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().insert(child);
            throw failure;
        })).isSameAs(failure);

        assertThat(storage.companies().findById(child.id())).isEmpty();
    }

    @Test
    public void aRefusedWriteRollsBackTheWritesBeforeIt() {
        Company child = aChildOf(company);

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().insert(child);
            return storage.companies().insert(company.withVersion(0));
        })).isInstanceOf(DuplicateKeyException.class);

        assertThat(storage.companies().findById(child.id())).isEmpty();
        assertThat(storage.companies().findById(company.id())).contains(company);
    }

    @Test
    public void markingEventsDeliveredIsRolledBackToo() {
        BillingEvent event = anEvent(NOW);
        storage.outbox().append(event);

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.outbox().markDelivered(List.of(event.eventId()));
            throw new IllegalStateException("the work failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(storage.outbox().findUndelivered(10)).containsExactly(event);
    }

    @Test
    public void aNestedTransactionSeesTheOuterWrites() {
        Company child = aChildOf(company);

        Optional<Company> seen = storage.inTransaction(() -> {
            storage.companies().insert(child);
            return storage.inTransaction(() -> storage.companies().findById(child.id()));
        });

        assertThat(seen).contains(child.withVersion(1));
    }

    @Test
    public void theOuterTransactionSeesTheNestedWrites() {
        Company child = aChildOf(company);

        Optional<Company> seen = storage.inTransaction(() -> {
            storage.inTransaction(() -> storage.companies().insert(child));
            return storage.companies().findById(child.id());
        });

        assertThat(seen).contains(child.withVersion(1));
    }

    @Test
    public void theNestedWritesAreRolledBackWithTheOuterTransaction() {
        Company child = aChildOf(company);
        RuntimeException failure = new IllegalStateException("the outer work failed");

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.inTransaction(() -> storage.companies().insert(child));
            throw failure;
        })).isSameAs(failure);

        assertThat(storage.companies().findById(child.id())).isEmpty();
    }

    @Test
    public void aThrowOutOfANestedTransactionRollsBackTheOuterWritesToo() {
        Company child = aChildOf(company);
        Company grandchild = aChildOf(child);
        RuntimeException failure = new IllegalStateException("the nested work failed");

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().insert(child);
            return storage.inTransaction(() -> {
                storage.companies().insert(grandchild);
                throw failure;
            });
        })).isSameAs(failure);

        assertThat(storage.companies().findById(child.id())).isEmpty();
        assertThat(storage.companies().findById(grandchild.id())).isEmpty();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    public void concurrentReadModifyWriteTransactionsLoseNoUpdateOfACompany() throws Exception {
        Company counter = storage.companies().insert(aCompany("0"));

        int total = onThreads(() -> storage.inTransaction(() -> {
            Company current = storage.companies().findById(counter.id()).orElseThrow();
            return storage.companies().update(current.withName(Integer.toString(Integer.parseInt(current.name()) + 1)));
        }));

        Company result = storage.companies().findById(counter.id()).orElseThrow();
        assertThat(total).isEqualTo(THREADS * UPDATES_PER_THREAD);
        assertThat(result.name()).isEqualTo(Integer.toString(total));
        assertThat(result.version()).isEqualTo(1 + total);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    public void concurrentReadModifyWriteTransactionsLoseNoUpdateOfASubscription() throws Exception {
        Subscription counter = storage.subscriptions().insert(aSubscription(company, plan).scheduleCancellation(NOW));

        int total = onThreads(() -> storage.inTransaction(() -> {
            Subscription current = storage.subscriptions().findById(counter.id()).orElseThrow();
            return storage.subscriptions().update(current.scheduleCancellation(current.cancelAt().plusSeconds(1)));
        }));

        Subscription result = storage.subscriptions().findById(counter.id()).orElseThrow();
        assertThat(total).isEqualTo(THREADS * UPDATES_PER_THREAD);
        assertThat(result.cancelAt()).isEqualTo(NOW.plusSeconds(total));
        assertThat(result.version()).isEqualTo(1 + total);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    public void concurrentVersionedUpdatesOutsideATransactionLoseNoUpdate() throws Exception {
        Company counter = storage.companies().insert(aCompany("0"));

        int total = onThreads(() -> {
            Company current = storage.companies().findById(counter.id()).orElseThrow();
            return storage.companies().update(current.withName(Integer.toString(Integer.parseInt(current.name()) + 1)));
        });

        Company result = storage.companies().findById(counter.id()).orElseThrow();
        assertThat(result.name()).isEqualTo(Integer.toString(total));
        assertThat(result.version()).isEqualTo(1 + total);
    }

    /**
     * Runs {@code increment} {@value #UPDATES_PER_THREAD} times on each of {@value #THREADS}
     * threads started together, each time until it succeeds: a
     * {@link ConcurrentUpdateException} makes a thread try again, as the SDK does.
     *
     * @return the number of increments that succeeded
     */
    private static int onThreads(Callable<?> increment) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    if (!start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new AssertionError("the threads were not started together");
                    }
                    return incrementRetrying(increment);
                }));
            }
            assertThat(ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("all threads ready").isTrue();
            start.countDown();
            int succeeded = 0;
            for (Future<Integer> future : futures) {
                succeeded += future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return succeeded;
        } finally {
            executor.shutdownNow();
        }
    }

    private static int incrementRetrying(Callable<?> increment) throws Exception {
        int succeeded = 0;
        for (int attempt = 1; succeeded < UPDATES_PER_THREAD; attempt++) {
            if (attempt > ATTEMPTS_PER_THREAD) {
                throw new AssertionError("only " + succeeded + " of " + UPDATES_PER_THREAD + " updates succeeded in "
                        + ATTEMPTS_PER_THREAD + " attempts");
            }
            try {
                increment.call();
                succeeded++;
            } catch (ConcurrentUpdateException e) {
                // lost the race: read again and retry, as the SDK does
            }
        }
        return succeeded;
    }
}
