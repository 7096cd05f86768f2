package org.billingsdk.core.port;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;

/**
 * The companies a read covers: one company, or a company and all its descendants at any depth. A
 * store answers a read over a scope with queries that start from {@link #companyId()} (a database:
 * its tenant column when the company is a tenant's root, a walk down the tree from it otherwise),
 * so that a page of the read costs about the page, not the tree. A store that cannot may call
 * {@link #companies()}, which reads the whole subtree through the company store, once per scope:
 * what the ports' default methods do. Used on one thread, by one read.
 */
public final class CompanyScope {

    private final CompanyId companyId;
    private final Scope scope;
    private final CompanyStore store;
    private List<Company> companies;

    private CompanyScope(CompanyId companyId, Scope scope, CompanyStore store) {
        this.companyId = Objects.requireNonNull(companyId, "companyId");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The scope of a read.
     *
     * @param companyId the company the read is about; not null
     * @param scope the company only, or with all its descendants; not null
     * @param store where {@link #companies()} reads the subtree from; not null
     * @return the scope
     */
    public static CompanyScope of(CompanyId companyId, Scope scope, CompanyStore store) {
        return new CompanyScope(companyId, scope, store);
    }

    /** {@return the company the read is about} */
    public CompanyId companyId() {
        return companyId;
    }

    /** {@return whether the company's descendants are covered too} */
    public boolean withDescendants() {
        return scope == Scope.WITH_DESCENDANTS;
    }

    /**
     * The companies covered: the company first, then its descendants in no particular order, or
     * nothing when the company does not exist. Read on the first call (the whole subtree, in one
     * query of a store that overrides {@link CompanyStore#findSubtree}), kept for the next.
     *
     * @return the companies covered
     */
    public List<Company> companies() {
        if (companies == null) {
            companies = withDescendants() ? List.copyOf(store.findSubtree(companyId))
                    : store.findById(companyId).map(List::of).orElse(List.of());
        }
        return companies;
    }

    /** {@return the ids of {@link #companies()}, in its order} */
    public Set<CompanyId> companyIds() {
        Set<CompanyId> ids = new LinkedHashSet<>();
        companies().forEach(company -> ids.add(company.id()));
        return ids;
    }

    @Override
    public String toString() {
        return "CompanyScope[" + companyId + ", " + scope + "]";
    }
}
