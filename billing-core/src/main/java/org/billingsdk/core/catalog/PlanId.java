package org.billingsdk.core.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a plan: 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter
 * or digit (such as {@code edr-pro}); immutable.
 *
 * @param value the plan id, case-sensitive
 */
public record PlanId(String value) {

    /** The form a plan id takes; input records validate against it. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    /**
     * Checks the value.
     *
     * @param value matching {@link #PATTERN}
     * @throws IllegalArgumentException unless {@code value} matches {@link #PATTERN}
     */
    public PlanId {
        Objects.requireNonNull(value, "plan id");
        if (!COMPILED.matcher(value).matches()) {
            throw new IllegalArgumentException("plan id must match " + PATTERN + ", was '" + value + "'");
        }
    }

    /**
     * Same as the constructor.
     *
     * @param value matching {@link #PATTERN}
     * @return the plan id
     * @throws IllegalArgumentException unless {@code value} matches {@link #PATTERN}
     */
    public static PlanId of(String value) {
        return new PlanId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
