package org.billingsdk.core.company;

import java.util.Objects;
import org.billingsdk.core.validation.PlainTextValidator;

/**
 * Who makes a request and on behalf of which company. The access rule applies to every operation
 * that takes an actor: it reaches its own company and that company's descendants, nothing else.
 *
 * @param companyId the company the request is made for
 * @param user the host's reference for the person or system acting (an email address, a user id);
 *     recorded in the audit trail, at most 200 characters
 */
public record Actor(CompanyId companyId, String user) {

    /**
     * Checks the components.
     *
     * @param companyId not null
     * @param user not null, 1 to 200 characters, no line breaks or control characters
     * @throws IllegalArgumentException if the user is blank, too long or holds a line break or
     *     control character
     */
    public Actor {
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(user, "user");
        if (user.isBlank() || user.length() > 200 || user.codePoints().anyMatch(PlainTextValidator::isLineBreakOrControl)) {
            throw new IllegalArgumentException("actor user must be 1 to 200 printable characters");
        }
    }

    /**
     * Same as the constructor.
     *
     * @param companyId the company the request is made for; not null
     * @param user the person or system acting; 1 to 200 printable characters
     * @return the actor
     * @throws IllegalArgumentException if the user is blank, too long or holds a line break or
     *     control character
     */
    public static Actor of(CompanyId companyId, String user) {
        return new Actor(companyId, user);
    }
}
