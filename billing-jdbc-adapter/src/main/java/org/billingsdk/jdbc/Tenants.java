package org.billingsdk.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.billingsdk.core.company.CompanyId;

/**
 * The tenant of each company, its root company, which every row carries in
 * {@code root_company_id}. A company's root never changes (it moves only within its tree), so a
 * root once read is kept: the rows of a billing run then carry their tenant as a bound value
 * instead of a subquery per row, which cost PostgreSQL about an eighth of the run. The roots not
 * known are read in one query per batch. A root read in a transaction is kept once that
 * transaction has committed, never if it rolls back. Thread-safe.
 */
final class Tenants {

    /** The most companies kept; past this, the memory starts afresh. */
    static final int MAX_KEPT = 100_000;

    private final Db db;
    private final Map<UUID, UUID> roots = new ConcurrentHashMap<>();
    /** The roots read in the thread's transaction, kept once it commits. */
    private final ThreadLocal<Map<UUID, UUID>> pending = new ThreadLocal<>();

    Tenants(Db db) {
        this.db = db;
    }

    /** Keeps the root of a company read in the thread's transaction, once that commits. */
    void remember(CompanyId company, CompanyId root) {
        Map<UUID, UUID> read = pending.get();
        if (read != null) {
            read.put(company.value(), root.value());
            return;
        }
        Map<UUID, UUID> first = new HashMap<>();
        first.put(company.value(), root.value());
        pending.set(first);
        db.afterCompletion(committed -> {
            pending.remove();
            if (committed) {
                if (roots.size() + first.size() > MAX_KEPT) {
                    roots.clear();
                }
                roots.putAll(first);
            }
        });
    }

    /** The root of one company, or null if it does not exist; see {@link #rootsOf}. */
    UUID rootOf(UUID company) {
        return rootsOf(List.of(company)).get(company);
    }

    /**
     * The roots of the companies (nulls among them are skipped, and absent from the answer), the ones not known read in the
     * thread's transaction; a company that does not exist is absent from the answer.
     */
    Map<UUID, UUID> rootsOf(Collection<UUID> companies) {
        Map<UUID, UUID> found = new HashMap<>();
        Map<UUID, UUID> read = pending.get();
        List<UUID> unknown = new ArrayList<>();
        for (UUID company : companies) {
            if (company == null) {
                continue;
            }
            UUID root = roots.get(company);
            if (root == null && read != null) {
                root = read.get(company);
            }
            if (root != null) {
                found.put(company, root);
            } else {
                unknown.add(company);
            }
        }
        if (!unknown.isEmpty()) {
            db.queryIn("companies.roots", "SELECT id, root_company_id FROM billing_company WHERE", "id", unknown,
                    row -> {
                        CompanyId company = new CompanyId(Db.getUuid(row, "id"));
                        CompanyId root = new CompanyId(Db.getUuid(row, "root_company_id"));
                        remember(company, root);
                        found.put(company.value(), root.value());
                        return root;
                    });
        }
        return found;
    }
}
