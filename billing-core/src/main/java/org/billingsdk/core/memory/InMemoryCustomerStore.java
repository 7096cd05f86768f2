package org.billingsdk.core.memory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.CustomerStore;

final class InMemoryCustomerStore implements CustomerStore {

    private final InMemoryStorage storage;
    private final Map<CompanyId, String> customers = new ConcurrentHashMap<>();

    InMemoryCustomerStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<String> find(CompanyId companyId) {
        return Optional.ofNullable(customers.get(companyId));
    }

    @Override
    public void save(CompanyId companyId, String customerReference) {
        String previous = customers.get(companyId);
        storage.write(() -> customers.put(companyId, customerReference), replaced -> {
            if (previous == null) {
                customers.remove(companyId);
            } else {
                customers.put(companyId, previous);
            }
        });
    }
}
