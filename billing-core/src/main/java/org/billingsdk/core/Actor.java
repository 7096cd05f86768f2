package org.billingsdk.core;

import java.util.Objects;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.internal.validation.PlainTextValidator;

/**
 * Who makes a request and on behalf of which company. The access rule applies to every operation
 * that takes an actor: it reaches its own company and that company's descendants, nothing else.
 *
 * @param companyId the company the request is made for
 * @param user the host's reference for the person or system acting (an email address, a user id);
 *     recorded in the audit trail, at most 200 characters
 */
public record Actor(CompanyId companyId, String user) {

    public Actor {
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(user, "user");
        if (user.isBlank() || user.length() > 200 || user.codePoints().anyMatch(PlainTextValidator::isLineBreakOrControl)) {
            throw new IllegalArgumentException("actor user must be 1 to 200 printable characters");
        }
    }

    public static Actor of(CompanyId companyId, String user) {
        return new Actor(companyId, user);
    }
}
