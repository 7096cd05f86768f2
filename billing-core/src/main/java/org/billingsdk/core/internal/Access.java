package org.billingsdk.core.internal;

import java.util.Optional;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.company.AccessRule;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.CompanyStore;

/**
 * Applies the access rule ({@link AccessRule}) to what the store holds: an actor reaches its own
 * company and its descendants; anything else is answered exactly like a company that does not exist.
 */
public final class Access {

    private final CompanyStore companies;

    public Access(CompanyStore companies) {
        this.companies = companies;
    }

    /**
     * The company, if the actor reaches it.
     *
     * @throws NotFoundException if it does not exist or the actor does not reach it (the same answer)
     */
    public Company reach(Actor actor, CompanyId target) {
        Optional<Company> company = companies.findById(target);
        if (company.isEmpty() || !companies.isSameOrDescendant(actor.companyId(), target)) {
            throw new NotFoundException(EntityKind.COMPANY, target);
        }
        return company.get();
    }

    /** Whether the actor reaches the company; never throws for a missing one. */
    public boolean reaches(Actor actor, CompanyId target) {
        return companies.isSameOrDescendant(actor.companyId(), target);
    }

    /**
     * Why the portal may not manage {@code target} for {@code actor}: either of them has its
     * billing run by a partner.
     */
    public Optional<Refusal> partnerRefusal(Actor actor, Company target) {
        Company acting = target.id().equals(actor.companyId())
                ? target
                : companies.findById(actor.companyId()).orElse(target);
        return AccessRule.partnerRefusal(acting, target);
    }
}
