package org.billingsdk.core.port;

/**
 * Hands out invoice numbers: sequential per series, without gaps or duplicates. The number is
 * taken inside the transaction that finalizes the invoice, so a rolled-back finalization gives
 * its number back. Thread-safe.
 */
public interface InvoiceNumbering {

    /**
     * Takes the next sequence number of {@code series}: 1 for a new series. Only a commit spends
     * it: when the transaction rolls back, every number it took goes back to the series, so that
     * the committed numbers run without gap or duplicate, also when several threads or nodes take
     * numbers of one series at once (a row lock on the series' counter, say). The numbers one
     * thread commits increase.
     *
     * @param series the series, such as {@code INV-2026}: the seller's prefix and the year of issue
     *     (UTC); at most 32 characters
     * @return the number taken, from 1 up
     */
    long next(String series);

    /**
     * Takes {@code count} numbers of {@code series} that follow each other, in the caller's
     * transaction, as {@code count} calls of {@link #next} in a row would: the billing run numbers a
     * page of invoices this way. A database takes them with one statement; the default calls
     * {@link #next} {@code count} times.
     *
     * @param series the series, as for {@link #next}
     * @param count how many numbers to take, at least 1; all of them must be used in the same
     *     transaction, or the transaction rolled back, or the series gets a gap
     * @return the first number taken; the others are the {@code count - 1} numbers after it
     * @throws IllegalStateException if the numbers taken did not follow each other, which only an
     *     implementation of {@link #next} that does not hold the series for its transaction allows
     */
    default long nextBlock(String series, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a block has at least one number, asked for " + count);
        }
        long first = next(series);
        for (int i = 1; i < count; i++) {
            long taken = next(series);
            if (taken != first + i) {
                throw new IllegalStateException("numbers of series " + series + " taken in one transaction do not "
                        + "follow each other: " + (first + i - 1) + " then " + taken);
            }
        }
        return first;
    }
}
