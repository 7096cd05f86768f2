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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link InvoiceNumbering}: each series counts 1, 2, 3, ... on its own, and a
 * number is only spent when the transaction that took it commits: one rolled back gives its
 * numbers back, so the committed numbers of a series run without gap or duplicate (EU VAT
 * Directive art. 226(2)), also when {@value #THREADS} threads take numbers of one series at once
 * and some of their transactions roll back; the numbers one thread commits increase, as a later
 * invoice never gets a lower number. A block ({@code nextBlock}) takes the numbers that many calls
 * of {@code next} would take: they follow each other and what was taken before; a block smaller
 * than one number is refused, and a block is given back whole when its transaction rolls back,
 * also when threads take blocks of different sizes at once. Run it on an implementation with:
 *
 * <pre>{@code
 * class PostgresInvoiceNumberingTest extends InvoiceNumberingContract {
 *     // TestDatabases.postgres(): the adapter's test database, migrated, emptied before each test
 *     protected Storage newStorage() { return JdbcStorage.forDataSource(TestDatabases.postgres()); }
 * }
 * }</pre>
 */
public abstract class InvoiceNumberingContract extends StorageContract {

    private static final String SERIES = "INV-2026";
    private static final int THREADS = 8;
    private static final int TRANSACTIONS_PER_THREAD = 200;
    /** One transaction in about this many rolls back after taking its number. */
    private static final int ROLL_BACK_ONE_IN = 5;
    /** The most numbers one transaction of the concurrent block test takes at once. */
    private static final int LARGEST_BLOCK = 12;
    private static final int BLOCKS_PER_THREAD = 60;
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

    @Test
    public void aBlockOfANewSeriesStartsAtOne() {
        assertThat(numbering().nextBlock(SERIES, 4)).isEqualTo(1);

        assertThat(numbering().next(SERIES)).isEqualTo(5);
    }

    @Test
    public void aBlockFollowsTheNumbersTakenAndNextContinuesAfterIt() {
        numbering().next(SERIES);
        numbering().next(SERIES);

        assertThat(numbering().nextBlock(SERIES, 5)).as("the block 3..7").isEqualTo(3);
        assertThat(numbering().next(SERIES)).isEqualTo(8);
        assertThat(numbering().nextBlock(SERIES, 1)).as("a block of one").isEqualTo(9);
        assertThat(numbering().nextBlock(SERIES, 1_000)).as("the block 10..1009").isEqualTo(10);
        assertThat(numbering().nextBlock(SERIES, 2)).isEqualTo(1_010);
        assertThat(numbering().next(SERIES)).isEqualTo(1_012);
    }

    @Test
    public void aBlockTakesFromItsOwnSeriesOnly() {
        numbering().next(SERIES);

        assertThat(numbering().nextBlock("CN-2026", 3)).isEqualTo(1);
        assertThat(numbering().nextBlock("INV-20", 2)).isEqualTo(1);

        assertThat(numbering().next(SERIES)).isEqualTo(2);
        assertThat(numbering().next("CN-2026")).isEqualTo(4);
        assertThat(numbering().next("INV-20")).isEqualTo(3);
    }

    @Test
    public void blocksAndNumbersTakenInOneTransactionFollowEachOther() {
        List<Long> taken = storage.inTransaction(() -> List.of(numbering().next(SERIES),
                numbering().nextBlock(SERIES, 3), numbering().next(SERIES), numbering().nextBlock("CN-2026", 2),
                numbering().nextBlock(SERIES, 2)));

        assertThat(taken).containsExactly(1L, 2L, 5L, 1L, 6L);
        assertThat(numbering().next(SERIES)).isEqualTo(8);
        assertThat(numbering().next("CN-2026")).isEqualTo(3);
    }

    @Test
    public void aBlockTakenInARolledBackTransactionIsGivenBackWhole() {
        numbering().next(SERIES);

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            assertThat(numbering().nextBlock(SERIES, 10)).isEqualTo(2);
            assertThat(numbering().next(SERIES)).isEqualTo(12);
            throw new IllegalStateException("storing the page of invoices failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(numbering().nextBlock(SERIES, 3)).isEqualTo(2);
        assertThat(numbering().next(SERIES)).isEqualTo(5);
    }

    @Test
    public void theFirstBlockOfASeriesTakenInARolledBackTransactionIsGivenBack() {
        assertThatThrownBy(() -> storage.inTransaction(() -> {
            numbering().nextBlock(SERIES, 7);
            throw new IllegalStateException("storing the page of invoices failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(numbering().nextBlock(SERIES, 2)).isEqualTo(1);
        assertThat(numbering().next(SERIES)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    public void aBlockOfLessThanOneNumberIsRefusedAndTakesNothing(int count) {
        numbering().next(SERIES);

        assertThatThrownBy(() -> numbering().nextBlock(SERIES, count)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> numbering().nextBlock("CN-2026", count)).isInstanceOf(IllegalArgumentException.class);

        assertThat(numbering().next(SERIES)).isEqualTo(2);
        assertThat(numbering().next("CN-2026")).as("a series never used").isEqualTo(1);
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
        List<Taken> taken = onThreads(storage, InvoiceNumberingContract::takeNumbers);

        List<Long> committed = assertGaplessAndIncreasingByThread(taken, THREADS * TRANSACTIONS_PER_THREAD);
        assertThat(committed).as("one number per committed transaction")
                .hasSize(THREADS * TRANSACTIONS_PER_THREAD - rolledBack(taken));
    }

    /**
     * {@value #THREADS} threads, started together, each run {@value #BLOCKS_PER_THREAD}
     * transactions that take a block of 1 to {@value #LARGEST_BLOCK} numbers of the same series,
     * sometimes with a single number before it; about one in {@value #ROLL_BACK_ONE_IN} throws
     * after taking them. A block counts as committed only when its transaction returned it.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    public void concurrentTransactionsTakingBlocksCommitGaplessNumbersAndGiveBackTheRolledBackOnes()
            throws Exception {
        List<Taken> taken = onThreads(storage, InvoiceNumberingContract::takeBlocks);

        assertGaplessAndIncreasingByThread(taken, THREADS * BLOCKS_PER_THREAD);
    }

    /**
     * Asserts that the numbers the threads committed are 1 to N without gap or duplicate, that
     * each thread's increase, that some but not most transactions rolled back, and that the
     * series continues at N + 1; answers the committed numbers.
     */
    private List<Long> assertGaplessAndIncreasingByThread(List<Taken> taken, int transactions) {
        List<Long> committed = new ArrayList<>();
        for (Taken byThread : taken) {
            committed.addAll(byThread.committed());
        }
        assertThat(rolledBack(taken)).as("test data: some transactions rolled back, most committed")
                .isBetween(transactions / (2 * ROLL_BACK_ONE_IN), transactions / 2);
        assertThat(committed.stream().sorted().toList()).as("committed numbers: 1 to %d, no gap, no duplicate",
                        committed.size())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, committed.size()).boxed().toList());
        for (Taken byThread : taken) {
            assertThat(byThread.committed()).as("the numbers one thread committed, in its order").isSorted();
        }
        assertThat(numbering().next(SERIES)).as("the next number").isEqualTo(committed.size() + 1L);
        return committed;
    }

    private static int rolledBack(List<Taken> taken) {
        return taken.stream().mapToInt(Taken::rolledBack).sum();
    }

    /** The numbers one thread committed, in the order it took them, and how many of its transactions rolled back. */
    private record Taken(List<Long> committed, int rolledBack) {
    }

    /** What one thread does: its transactions, their choices drawn from {@code random}. */
    @FunctionalInterface
    private interface Taker {
        Taken take(Storage storage, Random random);
    }

    /** What a transaction throws after taking its number, to roll it back. */
    private static final class RolledBack extends RuntimeException {
        RolledBack(long number) {
            super("rolled back after taking number " + number, null, false, false);
        }
    }

    private static List<Taken> onThreads(Storage storage, Taker taker) throws Exception {
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
                    return taker.take(storage, new Random(seed));
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

    private static Taken takeBlocks(Storage storage, Random random) {
        List<Long> committed = new ArrayList<>();
        int rolledBack = 0;
        for (int i = 0; i < BLOCKS_PER_THREAD; i++) {
            boolean rollBack = random.nextInt(ROLL_BACK_ONE_IN) == 0;
            boolean singleFirst = random.nextInt(4) == 0;
            int size = 1 + random.nextInt(LARGEST_BLOCK);
            try {
                List<Long> numbers = storage.inTransaction(() -> {
                    List<Long> taken = new ArrayList<>();
                    if (singleFirst) {
                        taken.add(storage.invoiceNumbers().next(SERIES));
                    }
                    long first = storage.invoiceNumbers().nextBlock(SERIES, size);
                    if (singleFirst) {
                        assertThat(first).as("a block right after a number of the same transaction")
                                .isEqualTo(taken.get(0) + 1);
                    }
                    LongStream.range(first, first + size).forEach(taken::add);
                    if (rollBack) {
                        throw new RolledBack(first);
                    }
                    return taken;
                });
                committed.addAll(numbers);
            } catch (RolledBack expected) {
                rolledBack++;
            }
        }
        return new Taken(committed, rolledBack);
    }
}
