package org.billingsdk.core.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;

final class InMemorySubscriptionStore implements SubscriptionStore {

    private final InMemoryStorage storage;
    private final ConcurrentSkipListMap<SubscriptionId, Subscription> byId = new ConcurrentSkipListMap<>();
    private final Map<CompanyId, Set<SubscriptionId>> byCompany = new ConcurrentHashMap<>();

    InMemorySubscriptionStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<Subscription> findById(SubscriptionId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Subscription insert(Subscription subscription) {
        return storage.write(() -> {
            Subscription stored = subscription.withVersion(1);
            if (byId.putIfAbsent(stored.id(), stored) != null) {
                throw new DuplicateKeyException(EntityKind.SUBSCRIPTION, stored.id());
            }
            byCompany.computeIfAbsent(stored.companyId(), id -> ConcurrentHashMap.newKeySet()).add(stored.id());
            return stored;
        }, stored -> {
            byId.remove(stored.id());
            byCompany.get(stored.companyId()).remove(stored.id());
        });
    }

    @Override
    public Subscription update(Subscription subscription) {
        Subscription previous = byId.get(subscription.id());
        return storage.write(() -> {
            Subscription current = byId.get(subscription.id());
            if (current == null) {
                throw new NotFoundException(EntityKind.SUBSCRIPTION, subscription.id());
            }
            if (current.version() != subscription.version()) {
                throw new ConcurrentUpdateException(EntityKind.SUBSCRIPTION, subscription.id(), subscription.version());
            }
            if (!current.companyId().equals(subscription.companyId())) {
                throw new IllegalArgumentException("a subscription never changes company");
            }
            Subscription stored = subscription.withVersion(subscription.version() + 1);
            byId.put(stored.id(), stored);
            return stored;
        }, stored -> byId.put(previous.id(), previous));
    }

    @Override
    public List<Subscription> findByCompanies(Collection<CompanyId> companyIds) {
        return companyIds.stream().distinct()
                .flatMap(company -> byCompany.getOrDefault(company, Set.of()).stream())
                .map(byId::get)
                .sorted(Comparator.comparing(Subscription::startedAt).thenComparing(Subscription::id))
                .toList();
    }

    @Override
    public List<Subscription> findDue(Instant now, SubscriptionId after, int limit) {
        return page(after, limit, s -> s.nextDueAt().map(due -> !due.isAfter(now)).orElse(false));
    }

    @Override
    public List<Subscription> findAwaitingErasure(SubscriptionId after, int limit) {
        return page(after, limit, s -> s.erasure() == ErasureStatus.PENDING);
    }

    private List<Subscription> page(SubscriptionId after, int limit, Predicate<Subscription> filter) {
        NavigableMap<SubscriptionId, Subscription> from = after == null ? byId : byId.tailMap(after, false);
        return from.values().stream().filter(filter).limit(limit).toList();
    }
}
