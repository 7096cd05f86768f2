package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.billingsdk.core.port.InvoiceNumbering;
import org.billingsdk.core.port.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link InvoiceNumbering}: each series counts 1, 2, 3, ... on its own, and a
 * number is only spent when the transaction that took it commits: one rolled back gives its
 * numbers back, so the committed numbers of a series run without gap or duplicate (EU VAT
 * Directive art. 226(2)), also when {@value #THREADS} threads take numbers of one series at once
 * and some of their transactions roll back; the numbers one thread commits increase, as a later
 * invoice never gets a lower number. Run it on an implementation with:
 *
 * <pre>{@code
 * class JdbcInvoiceNumberingTest extends InvoiceNumberingContract {
 *     protected Storage newStorage() { return JdbcStorage.create(freshSchema()); }
 * }
 * }</pre>
 */
public abstract class InvoiceNumberingContract extends StorageContract {

    private static final String SERIES = "INV-2026";
    private static final int THREADS = 8;
    private static final int TRANSACTIONS_PER_THREAD = 200;
    /** One transaction in about this many rolls back after taking its number. */
    private static final int ROLL_BACK_ONE_IN = 5;
    private static final long TIMEOUT_SECONDS = 60;

    private InvoiceNumbering numbering() {
        return storage.invoiceNumbers();
    }

    @Test
    public void aNewSeriesStartsAtOneAndCountsUpByOne() {
        assertThat(numbering().next(SERIES)).isEqualTo(1);
        assertThat(numbering().next(SERIES)).isEqualTo(2);
        assertThat(numbering().next(SERIES)).isEqualTo(3);
    }

    @Test
    public void seriesCountIndependently() {
        assertThat(numbering().next("INV-2026")).isEqualTo(1);
        assertThat(numbering().next("INV-2026")).isEqualTo(2);
        assertThat(numbering().next("INV-2027")).isEqualTo(1);
        assertThat(numbering().next("INV-20")).isEqualTo(1);
        assertThat(numbering().next("INV-2026")).isEqualTo(3);
        assertThat(numbering().next("CN-2026")).isEqualTo(1);
        assertThat(numbering().next("INV-2027")).isEqualTo(2);
        assertThat(numbering().next("INV-20")).isEqualTo(2);
    }

    @Test
    public void numbersTakenInOneTransactionFollowEachOther() {
        List<Long> taken = storage.inTransaction(() -> List.of(numbering().next(SERIES), numbering().next(SERIES),
                numbering().next("CN-2026"), numbering().next(SERIES)));

        assertThat(taken).containsExactly(1L, 2L, 1L, 3L);
        assertThat(numbering().next(SERIES)).isEqualTo(4);
    }

    @Test
    public void aNumberTakenInARolledBackTransactionIsGivenBack() {
        assertThat(numbering().next(SERIES)).isEqualTo(1);

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            assertThat(numbering().next(SERIES)).isEqualTo(2);
            throw new IllegalStateException("finalizing the invoice failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(numbering().next(SERIES)).isEqualTo(2);
        assertThat(numbering().next(SERIES)).isEqualTo(3);
    }

    @Test
    public void theFirstNumberOfASeriesTakenInARolledBackTransactionIsGivenBack() {
        assertThatThrownBy(() -> storage.inTransaction(() -> {
            numbering().next(SERIES);
            throw new IllegalStateException("finalizing the invoice failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(numbering().next(SERIES)).isEqualTo(1);
    }

    @Test
    public void everyNumberARolledBackTransactionTookIsGivenBackInEverySeries() {
        numbering().next(SERIES);
        numbering().next("CN-2026");

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            numbering().next(SERIES);
            numbering().next("CN-2026");
            numbering().next(SERIES);
            numbering().next("INV-2027");
            return storage.inTransaction(() -> {
                numbering().next(SERIES);
                throw new IllegalStateException("finalizing the third invoice failed");
            });
        })).isInstanceOf(IllegalStateException.class);

        assertThat(numbering().next(SERIES)).isEqualTo(2);
        assertThat(numbering().next("CN-2026")).isEqualTo(2);
        assertThat(numbering().next("INV-2027")).isEqualTo(1);
    }

    @Test
    public void numbersTakenInACommittedTransactionAreNotGivenBackByALaterRollBack() {
        long committed = storage.inTransaction(() -> numbering().next(SERIES));

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            numbering().next(SERIES);
            throw new IllegalStateException("the work failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(committed).isEqualTo(1);
        assertThat(numbering().next(SERIES)).isEqualTo(2);
    }

    /**
     * {@value #THREADS} threads, started together, each run {@value #TRANSACTIONS_PER_THREAD}
     * transactions that take one number of the same series; about one in
     * {@value #ROLL_BACK_ONE_IN} throws after taking it. A number counts as committed only when
     * its transaction returned it.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    public void concurrentTransactionsCommitGaplessNumbersAndGiveBackTheRolledBackOnes() throws Exception {
        List<Taken> taken = onThreads(storage);

        List<Long> committed = new ArrayList<>();
        int rolledBack = 0;
        for (Taken byThread : taken) {
            committed.addAll(byThread.committed());
            rolledBack += byThread.rolledBack();
        }
        int transactions = THREADS * TRANSACTIONS_PER_THREAD;
        assertThat(rolledBack).as("test data: some transactions rolled back, most committed")
                .isBetween(transactions / (2 * ROLL_BACK_ONE_IN), transactions / 2);
        assertThat(committed).as("one number per committed transaction").hasSize(transactions - rolledBack);
        assertThat(committed.stream().sorted().toList()).as("committed numbers: 1 to %d, no gap, no duplicate",
                        committed.size())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, committed.size()).boxed().toList());
        for (Taken byThread : taken) {
            assertThat(byThread.committed()).as("the numbers one thread committed, in its order").isSorted();
        }
        assertThat(numbering().next(SERIES)).as("the next number").isEqualTo(committed.size() + 1L);
    }

    /** The numbers one thread committed, in the order it took them, and how many of its transactions rolled back. */
    private record Taken(List<Long> committed, int rolledBack) {
    }

    /** What a transaction throws after taking its number, to roll it back. */
    private static final class RolledBack extends RuntimeException {
        RolledBack(long number) {
            super("rolled back after taking number " + number, null, false, false);
        }
    }

    private static List<Taken> onThreads(Storage storage) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Taken>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                long seed = i;
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    if (!start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new AssertionError("the threads were not started together");
                    }
                    return takeNumbers(storage, new Random(seed));
                }));
            }
            assertThat(ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("all threads ready").isTrue();
            start.countDown();
            List<Taken> taken = new ArrayList<>();
            for (Future<Taken> future : futures) {
                taken.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return taken;
        } finally {
            executor.shutdownNow();
        }
    }

    private static Taken takeNumbers(Storage storage, Random random) {
        List<Long> committed = new ArrayList<>();
        int rolledBack = 0;
        for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
            boolean rollBack = random.nextInt(ROLL_BACK_ONE_IN) == 0;
            try {
                long number = storage.inTransaction(() -> {
                    long next = storage.invoiceNumbers().next(SERIES);
                    if (rollBack) {
                        throw new RolledBack(next);
                    }
                    return next;
                });
                committed.add(number);
            } catch (RolledBack expected) {
                rolledBack++;
            }
        }
        return new Taken(committed, rolledBack);
    }
}
