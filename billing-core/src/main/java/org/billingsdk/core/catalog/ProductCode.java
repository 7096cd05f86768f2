package org.billingsdk.core.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a product: 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter
 * or digit (such as {@code edr-pro}); immutable.
 *
 * @param value the product code, case-sensitive
 */
public record ProductCode(String value) {

    /** The form a product code takes; input records validate against it. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    /**
     * Checks the value.
     *
     * @param value matching {@link #PATTERN}
     * @throws IllegalArgumentException unless {@code value} matches {@link #PATTERN}
     */
    public ProductCode {
        Objects.requireNonNull(value, "product code");
        if (!COMPILED.matcher(value).matches()) {
            throw new IllegalArgumentException("product code must match " + PATTERN + ", was '" + value + "'");
        }
    }

    /**
     * Same as the constructor.
     *
     * @param value matching {@link #PATTERN}
     * @return the product code
     * @throws IllegalArgumentException unless {@code value} matches {@link #PATTERN}
     */
    public static ProductCode of(String value) {
        return new ProductCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
