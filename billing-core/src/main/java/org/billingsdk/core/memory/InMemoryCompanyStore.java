package org.billingsdk.core.memory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.CompanyStore;

final class InMemoryCompanyStore implements CompanyStore {

    private final InMemoryStorage storage;
    private final Map<CompanyId, Company> byId = new ConcurrentHashMap<>();
    private final Map<CompanyId, Set<CompanyId>> children = new ConcurrentHashMap<>();

    InMemoryCompanyStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<Company> findById(CompanyId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Company insert(Company company) {
        return storage.write(() -> {
            if (byId.containsKey(company.id())) {
                throw new DuplicateKeyException(EntityKind.COMPANY, company.id());
            }
            Company stored = company.withVersion(1);
            put(null, stored);
            return stored;
        }, stored -> remove(stored));
    }

    @Override
    public Company update(Company company) {
        Company previous = byId.get(company.id());
        return storage.write(() -> {
            Company current = byId.get(company.id());
            if (current == null) {
                throw new NotFoundException(EntityKind.COMPANY, company.id());
            }
            if (current.version() != company.version()) {
                throw new ConcurrentUpdateException(EntityKind.COMPANY, company.id(), company.version());
            }
            Company stored = company.withVersion(company.version() + 1);
            put(current, stored);
            return stored;
        }, stored -> {
            remove(stored);
            put(null, previous);
        });
    }

    @Override
    public List<Company> findChildren(CompanyId parentId) {
        return children.getOrDefault(parentId, Set.of()).stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** Ordered by the ids' text. */
    @Override
    public List<Company> findUnconfirmedVatNumbers(CompanyId after, int limit) {
        return byId.values().stream()
                .filter(company -> company.vatNumber().isPresent()
                        && (company.vatCheck() == null || company.vatCheck().isUnavailable()))
                .filter(company -> after == null || company.id().toString().compareTo(after.toString()) > 0)
                .sorted(Comparator.comparing(company -> company.id().toString()))
                .limit(limit)
                .toList();
    }

    private void put(Company previous, Company company) {
        if (previous != null && previous.parentId() != null) {
            children.get(previous.parentId()).remove(previous.id());
        }
        byId.put(company.id(), company);
        if (company.parentId() != null) {
            children.computeIfAbsent(company.parentId(), id -> ConcurrentHashMap.newKeySet()).add(company.id());
        }
    }

    private void remove(Company company) {
        byId.remove(company.id());
        if (company.parentId() != null) {
            children.get(company.parentId()).remove(company.id());
        }
    }
}
