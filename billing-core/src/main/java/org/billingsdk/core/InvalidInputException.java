package org.billingsdk.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when input is refused before anything is stored; it names every violation found, not
 * just the first.
 */
public final class InvalidInputException extends BillingException {

    /** Every violation found. */
    private final List<Violation> violations;

    /**
     * For input with at least one violation.
     *
     * @param violations every violation found, in the order {@link #violations()} will give them; not empty
     * @throws IllegalArgumentException if {@code violations} is empty
     */
    public InvalidInputException(List<Violation> violations) {
        super(ErrorCode.INVALID_INPUT, describe(violations));
        this.violations = List.copyOf(violations);
    }

    /** {@return every violation found, sorted by field when the SDK threw it; never empty} */
    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid input names at least one violation");
        }
        return "Invalid input: " + violations.stream().sorted().map(Violation::toString)
                .collect(Collectors.joining("; "));
    }
}
