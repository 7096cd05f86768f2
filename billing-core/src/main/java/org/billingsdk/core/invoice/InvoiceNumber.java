package org.billingsdk.core.invoice;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An invoice's legal number: a series and a sequence that runs 1, 2, 3, ... without gaps within
 * the series (EU VAT Directive 2006/112/EC art. 226(2)); printed as {@code SERIES-000042}.
 * Immutable.
 */
public record InvoiceNumber(String series, long sequence) {

    private static final Pattern SERIES = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,31}");

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
