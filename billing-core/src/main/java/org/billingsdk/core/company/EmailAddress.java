package org.billingsdk.core.company;

import org.billingsdk.core.validation.PlainTextValidator;

/**
 * An email address the SDK accepted, such as {@code billing@acme.example}; immutable and
 * thread-safe. Compared by its exact text, as it was given (trimmed) and stored.
 *
 * <p>The address's form is checked where it is given: the operations validate their input with
 * Hibernate Validator's {@code @Email}, which also allows forms such as a quoted local part with
 * spaces ({@code "John Doe"@acme.example}) and an IP address as the domain, and then trim it. This
 * type guarantees only what every such address has, so that each one stored reads back: it is not
 * blank, is at most 254 characters long, neither starts nor ends with white space (a character
 * {@link String#trim()} removes), has an {@code @} with text on both sides, and contains no control
 * character or line break.
 *
 * @param value the address as accepted, trimmed
 */
public record EmailAddress(String value) {

    /** The longest address: what the input constraints allow, and RFC 5321's limit for a path. */
    private static final int MOST = 254;

    /**
     * Checks the text.
     *
     * @param value the address, already trimmed
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is blank, longer than 254 characters, starts or ends
     *     with white space, has no {@code @} with text on both sides, or has a control character or
     *     a line break; the message does not repeat the address
     */
    public EmailAddress {
        if (value == null) {
            throw new NullPointerException("email address");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("email address must not be blank");
        }
        if (value.length() > MOST) {
            throw new IllegalArgumentException("email address must be at most " + MOST + " characters, was "
                    + value.length());
        }
        if (value.charAt(0) <= ' ' || value.charAt(value.length() - 1) <= ' ') {
            throw new IllegalArgumentException("email address must not start or end with white space");
        }
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            throw new IllegalArgumentException("email address must have text before and after an @");
        }
        if (value.codePoints().anyMatch(PlainTextValidator::isLineBreakOrControl)) {
            throw new IllegalArgumentException("email address must not contain control characters or line breaks");
        }
    }

    /**
     * The address accepted before, such as one read back from storage; same as the constructor.
     *
     * @param value the address, already trimmed
     * @return the address
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException as the constructor does
     */
    public static EmailAddress of(String value) {
        return new EmailAddress(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
