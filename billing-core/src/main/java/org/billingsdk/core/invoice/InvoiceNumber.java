package org.billingsdk.core.invoice;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An invoice's legal number: a series and a sequence that runs 1, 2, 3, ... without gaps within
 * the series (EU VAT Directive 2006/112/EC art. 226(2)); printed as {@code SERIES-000042}.
 * Immutable.
 *
 * @param series the series, such as {@code INV-2026}: the seller's prefix and the year of issue
 * @param sequence the number within the series, from 1
 */
public record InvoiceNumber(String series, long sequence) {

    private static final Pattern SERIES = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,31}");

    /**
     * Checks the series' form and the sequence.
     *
     * @param series 1 to 32 upper-case letters, digits or dashes, starting with a letter or digit
     * @param sequence 1 or more
     * @throws IllegalArgumentException if either is out of form
     * @throws NullPointerException if {@code series} is {@code null}
     */
    public InvoiceNumber {
        Objects.requireNonNull(series, "series");
        if (!SERIES.matcher(series).matches()) {
            throw new IllegalArgumentException("an invoice series is 1 to 32 upper-case letters, digits or dashes");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("an invoice sequence starts at 1");
        }
    }

    @Override
    public String toString() {
        String digits = Long.toString(sequence);
        return digits.length() >= 6 ? series + "-" + digits : series + "-" + "000000".substring(digits.length()) + digits;
    }
}
