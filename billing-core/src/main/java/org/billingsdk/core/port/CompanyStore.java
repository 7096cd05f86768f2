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
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;

/**
 * Keeps companies. Writes are versioned: {@link #update} refuses a company whose version is not the
 * stored one, so a concurrent update is reported, never lost. Thread-safe.
 */
public interface CompanyStore {

    Optional<Company> findById(CompanyId id);

    /**
     * Stores a new company at version 1 and returns it so.
     *
     * @throws org.billingsdk.core.DuplicateKeyException if its id is taken
     */
    Company insert(Company company);

    /**
     * Replaces the stored company whose version is {@code company.version()} and returns it with
     * the version incremented.
     *
     * @throws org.billingsdk.core.ConcurrentUpdateException if the stored version differs
     * @throws org.billingsdk.core.NotFoundException if there is no such company
     */
    Company update(Company company);

    /** The direct children of a company, in no particular order. */
    List<Company> findChildren(CompanyId parentId);

    /**
     * A company and all its descendants at any depth (the company first), or an empty list when
     * it does not exist. Override to read the tree in one query; the default walks it level by level.
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
     * Whether {@code candidate} is {@code ancestor} itself or one of its descendants. The default
     * walks up from {@code candidate} through its parents.
     */
    default boolean isSameOrDescendant(CompanyId ancestor, CompanyId candidate) {
        Set<CompanyId> seen = new HashSet<>();
        Optional<Company> current = findById(candidate);
        while (current.isPresent() && seen.add(current.get().id())) {
            if (current.get().id().equals(ancestor)) {
                return true;
            }
            current = current.get().parent().flatMap(this::findById);
        }
        return false;
    }

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
