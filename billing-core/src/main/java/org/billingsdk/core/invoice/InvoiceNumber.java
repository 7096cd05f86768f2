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

    /**
     * The number as {@link #toString()} writes it: the series, a dash, and the sequence of at least
     * six digits ({@code INV-2026-000042}).
     *
     * @param text the written number; not null
     * @return the number
     * @throws IllegalArgumentException unless {@code text} is a series, a dash and a sequence of six
     *     or more digits (zero-padded to six), as {@code toString()} writes them
     */
    public static InvoiceNumber parse(String text) {
        int dash = text.lastIndexOf('-');
        String digits = dash < 0 ? "" : text.substring(dash + 1);
        if (digits.length() < 6 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("an invoice number is its series, a dash and six or more digits");
        }
        InvoiceNumber number = new InvoiceNumber(text.substring(0, dash), Long.parseLong(digits));
        if (!number.toString().equals(text)) {
            throw new IllegalArgumentException("an invoice number is its series, a dash and six or more digits");
        }
        return number;
    }

    @Override
    public String toString() {
        String digits = Long.toString(sequence);
        return digits.length() >= 6 ? series + "-" + digits : series + "-" + "000000".substring(digits.length()) + digits;
    }
}
