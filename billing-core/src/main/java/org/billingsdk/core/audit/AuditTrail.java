package org.billingsdk.core.audit;

import java.util.List;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.CompanyId;

/**
 * Who changed what, on behalf of which company, and when: the audit records every change writes
 * in its own transaction. Obtained from {@code Billing.audit()}; thread-safe.
 */
public interface AuditTrail {

    /**
     * The latest audit records about a company the actor reaches, newest first.
     *
     * @param actor who asks; not null
     * @param companyId the company; not null
     * @param limit how many records at most, 1 to 1000
     * @return at most {@code limit} records about this company only, not its descendants
     * @throws InvalidInputException naming {@code limit} if it is out of range
     * @throws NotFoundException if the company does not exist or is out of the actor's reach
     */
    List<AuditRecord> ofCompany(Actor actor, CompanyId companyId, int limit);

    /**
     * The latest changes about no company, newest first: the catalog's additions. A host operation.
     *
     * @param limit how many records at most, 1 to 1000
     * @return at most {@code limit} records
     * @throws InvalidInputException naming {@code limit} if it is out of range
     */
    List<AuditRecord> ofCatalog(int limit);
}
