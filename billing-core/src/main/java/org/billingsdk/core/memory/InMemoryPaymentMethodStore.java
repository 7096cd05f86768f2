package org.billingsdk.core.memory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.port.PaymentMethodStore;

final class InMemoryPaymentMethodStore implements PaymentMethodStore {

    private final InMemoryStorage storage;
    private final Map<PaymentMethodId, PaymentMethod> methods = new ConcurrentHashMap<>();
    private final Map<CompanyId, Set<PaymentMethodId>> byCompany = new ConcurrentHashMap<>();

    InMemoryPaymentMethodStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public PaymentMethod insert(PaymentMethod method) {
        return storage.write(() -> {
            PaymentMethod stored = method.withVersion(1);
            if (methods.putIfAbsent(stored.id(), stored) != null) {
                throw new DuplicateKeyException(EntityKind.PAYMENT_METHOD, stored.id());
            }
            byCompany.computeIfAbsent(stored.companyId(), id -> ConcurrentHashMap.newKeySet()).add(stored.id());
            return stored;
        }, stored -> {
            methods.remove(stored.id());
            byCompany.get(stored.companyId()).remove(stored.id());
        });
    }

    @Override
    public PaymentMethod update(PaymentMethod method) {
        PaymentMethod previous = methods.get(method.id());
        return storage.write(() -> {
            PaymentMethod current = methods.get(method.id());
            if (current == null) {
                throw new NotFoundException(EntityKind.PAYMENT_METHOD, method.id());
            }
            if (current.version() != method.version()) {
                throw new ConcurrentUpdateException(EntityKind.PAYMENT_METHOD, method.id(), method.version());
            }
            PaymentMethod stored = method.withVersion(method.version() + 1);
            methods.put(stored.id(), stored);
            return stored;
        }, stored -> methods.put(previous.id(), previous));
    }

    @Override
    public void delete(PaymentMethodId id) {
        PaymentMethod previous = methods.get(id);
        if (previous != null) {
            storage.write(() -> {
                byCompany.get(previous.companyId()).remove(id);
                return methods.remove(id);
            }, removed -> {
                methods.put(id, previous);
                byCompany.get(previous.companyId()).add(id);
            });
        }
    }

    @Override
    public Optional<PaymentMethod> findById(PaymentMethodId id) {
        return Optional.ofNullable(methods.get(id));
    }

    @Override
    public Optional<PaymentMethod> findByProviderReference(PaymentMethodReference providerReference) {
        return methods.values().stream().filter(method -> method.providerReference().equals(providerReference))
                .findFirst();
    }

    @Override
    public List<PaymentMethod> findByCompany(CompanyId companyId) {
        Set<PaymentMethodId> ids = byCompany.getOrDefault(companyId, Set.of());
        if (ids.size() <= 1) {
            // The common case, without a stream and a sort.
            for (PaymentMethodId id : ids) {
                PaymentMethod only = methods.get(id);
                return only == null ? List.of() : List.of(only);
            }
            return List.of();
        }
        return ids.stream()
                .map(methods::get)
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing(PaymentMethod::createdAt).thenComparing(m -> m.id().value()))
                .toList();
    }
}
