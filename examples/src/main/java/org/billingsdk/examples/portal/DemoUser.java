package org.billingsdk.examples.portal;

import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.CompanyId;

/**
 * A demo sign-in: who the user is, the company they administer and what the demo shows with them.
 * A host signs its own users in and makes the {@link Actor} from its session the same way.
 *
 * @param name the sign-in name, such as {@code alice}
 * @param email the user's email, which the audit trail records
 * @param companyId the company they administer
 * @param companyName its name
 * @param role what the demo user is, such as "parent admin"
 */
record DemoUser(String name, String email, CompanyId companyId, String companyName, String role) {

    /** {@return the SDK's actor for this user: the access rule starts from the user's company} */
    Actor actor() {
        return Actor.of(companyId, email);
    }
}
