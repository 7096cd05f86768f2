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
}
