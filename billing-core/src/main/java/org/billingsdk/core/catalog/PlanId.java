package org.billingsdk.core.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a plan: 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter
 * or digit (such as {@code edr-pro}); immutable.
 */
public record PlanId(String value) {

    /** The form a plan id takes; input records validate against it. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    /** @throws IllegalArgumentException unless {@code value} matches {@link #PATTERN} */
    public PlanId {
        Objects.requireNonNull(value, "plan id");
        if (!COMPILED.matcher(value).matches()) {
            throw new IllegalArgumentException("plan id must match " + PATTERN + ", was '" + value + "'");
        }
    }

    public static PlanId of(String value) {
        return new PlanId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
