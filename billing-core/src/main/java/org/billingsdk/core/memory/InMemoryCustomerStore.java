package org.billingsdk.core.memory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.port.CustomerStore;

final class InMemoryCustomerStore implements CustomerStore {

    private final InMemoryStorage storage;
    private final Map<CompanyId, CustomerReference> customers = new ConcurrentHashMap<>();

    InMemoryCustomerStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<CustomerReference> find(CompanyId companyId) {
        return Optional.ofNullable(customers.get(companyId));
    }

    @Override
    public void save(CompanyId companyId, CustomerReference customerReference) {
        CustomerReference previous = customers.get(companyId);
        storage.write(() -> customers.put(companyId, customerReference), replaced -> {
            if (previous == null) {
                customers.remove(companyId);
            } else {
                customers.put(companyId, previous);
            }
        });
    }
}
