package org.billingsdk.core.company;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;

/**
 * Who reaches whom. An {@link Actor} acting for company A may read or change company X only when
 * X is A or one of A's descendants, at any depth; anything else is answered exactly as "not found",
 * so that no one learns what exists outside their tree. A company whose billing a partner runs is
 * not managed through the portal, neither by an actor acting for it nor by one acting for its
 * parent. Pure functions; thread-safe.
 */
public final class AccessRule {

    private AccessRule() {
    }

    /**
     * Whether an actor acting for {@code actor} reaches the company whose lineage is given.
     *
     * @param actor the company the actor acts for; not null
     * @param lineage the target company first, then its parent, and so on up to its root; empty for
     *     a company that does not exist
     * @return true exactly when {@code actor} is in the lineage: the target itself or an ancestor of it
     */
    public static boolean reaches(CompanyId actor, List<CompanyId> lineage) {
        Objects.requireNonNull(actor, "actor");
        return lineage.contains(actor);
    }

    /**
     * Why an operation by an actor acting for {@code acting} on {@code target} is refused because a
     * partner runs one of their billing: the acting company's first, then the target's.
     *
     * @param acting the company the actor acts for; not null
     * @param target the company operated on, within the actor's reach; not null
     * @return the refusal ({@code PARTNER_MANAGED}, naming the company), or empty when neither is
     *     partner-managed
     */
    public static Optional<Refusal> partnerRefusal(Company acting, Company target) {
        Company managed = acting.isPartnerManaged() ? acting : target.isPartnerManaged() ? target : null;
        if (managed == null) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(RefusalCode.PARTNER_MANAGED, "The billing of " + managed.name()
                + " is run by a partner; manage it through the partner, not through this portal."));
    }
}
