package org.billingsdk.core.port;

/**
 * Hands out invoice numbers: sequential per series, without gaps or duplicates. The number is
 * taken inside the transaction that finalizes the invoice, so a rolled-back finalization gives
 * its number back. Thread-safe.
 */
public interface InvoiceNumbering {

    /** The next sequence number of {@code series}: 1 for a new series. */
    long next(String series);
}
