package org.billingsdk.core.port;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.billingsdk.core.company.AccessRule;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;

/**
 * Keeps companies. Writes are versioned: {@link #update} refuses a company whose version is not the
 * stored one, so a concurrent update is reported, never lost. Thread-safe.
 */
public interface CompanyStore {

    /**
     * Finds a company.
     *
     * @param id the company's id
     * @return the company with its stored version, or empty when there is none
     */
    Optional<Company> findById(CompanyId id);

    /**
     * Stores a new company at version 1 and returns it so. Its parent, if any, is stored already.
     *
     * @param company the company, at whatever version it comes (the SDK passes 0); text is kept
     *     verbatim
     * @return the company as stored: the same fields at version 1
     * @throws org.billingsdk.core.DuplicateKeyException if its id is taken; the stored company is
     *     left as it was
     */
    Company insert(Company company);

    /**
     * Replaces the stored company whose version is {@code company.version()} and returns it with
     * the version incremented. The compare and the write must be one atomic step (a
     * {@code WHERE version = ?} clause, say), or two writers that read the same version both win.
     * A move (a new parent) shows at once in the hierarchy queries.
     *
     * @param company the changed company, at the version it was read at
     * @return the company as stored, at {@code company.version() + 1}
     * @throws org.billingsdk.core.ConcurrentUpdateException if the stored version differs, lower or
     *     higher; the stored company is left as it was
     * @throws org.billingsdk.core.NotFoundException if there is no such company
     */
    Company update(Company company);

    /**
     * The direct children of a company, in no particular order.
     *
     * @param parentId the parent's id
     * @return its children, not their descendants; an empty list for a leaf or an unknown id
     */
    List<Company> findChildren(CompanyId parentId);

    /**
     * A company and all its descendants at any depth (the company first), or an empty list when
     * it does not exist. Override to read the tree in one query; the default walks it level by level.
     *
     * @param rootId the id of the company at the top of the subtree
     * @return the company, then its descendants in no particular order, each once
     */
    default List<Company> findSubtree(CompanyId rootId) {
        Optional<Company> root = findById(rootId);
        if (root.isEmpty()) {
            return List.of();
        }
        List<Company> result = new ArrayList<>();
        Set<CompanyId> seen = new HashSet<>();
        Deque<Company> queue = new ArrayDeque<>();
        queue.add(root.get());
        while (!queue.isEmpty()) {
            Company next = queue.poll();
            if (seen.add(next.id())) {
                result.add(next);
                queue.addAll(findChildren(next.id()));
            }
        }
        return result;
    }

    /**
     * Whether {@code candidate} is {@code ancestor} itself or one of its descendants: the access
     * rule ({@link AccessRule#reaches}) asked of the store, which may answer it in one query. The
     * default walks up from {@code candidate} through its parents, applying the rule to the lineage
     * read so far, and stops as soon as it holds.
     *
     * @param ancestor the company whose tree is asked about
     * @param candidate the company that may be in that tree
     * @return {@code true} if it is; {@code false} for parents, siblings, other trees and unknown ids
     */
    default boolean isSameOrDescendant(CompanyId ancestor, CompanyId candidate) {
        List<CompanyId> lineage = new ArrayList<>();
        Set<CompanyId> seen = new HashSet<>();
        Optional<Company> current = findById(candidate);
        while (current.isPresent() && seen.add(current.get().id())) {
            lineage.add(current.get().id());
            if (AccessRule.reaches(ancestor, lineage)) {
                return true;
            }
            current = current.get().parent().flatMap(this::findById);
        }
        return false;
    }

    /**
     * A page of the companies whose billing details hold a VAT number the register has not answered
     * about: never asked ({@link Company#vatCheck()} {@code null}), or found unavailable at the last
     * check. The billing run asks again about each EU number among them.
     *
     * @param after the last id of the previous page, or {@code null} for the first page
     * @param limit the most companies to answer
     * @return the companies of the page, ordered by id in the store's own order (the one {@code after}
     *     continues)
     */
    List<Company> findUnconfirmedVatNumbers(CompanyId after, int limit);

    /**
     * The companies with these ids, read at once. A database answers with one query; the default
     * reads them one by one.
     *
     * @param ids the ids to read; ids of companies that do not exist are skipped
     * @return the companies found, each once (also when its id is given twice), in no particular order
     */
    default List<Company> findAllById(Collection<CompanyId> ids) {
        List<Company> found = new ArrayList<>(ids.size());
        for (CompanyId id : new LinkedHashSet<>(ids)) {
            findById(id).ifPresent(found::add);
        }
        return found;
    }
}
