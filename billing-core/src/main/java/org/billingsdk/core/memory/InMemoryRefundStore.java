package org.billingsdk.core.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.credit.Refund;
import org.billingsdk.core.credit.RefundId;
import org.billingsdk.core.credit.RefundStatus;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.port.RefundStore;

final class InMemoryRefundStore implements RefundStore {

    private static final Comparator<Refund> OLDEST_FIRST = Comparator.comparing(Refund::createdAt)
            .thenComparing(Refund::id);

    private final InMemoryStorage storage;
    private final Map<RefundId, Refund> byId = new ConcurrentHashMap<>();
    private final Map<IdempotencyKey, RefundId> byKey = new ConcurrentHashMap<>();

    InMemoryRefundStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public Refund insert(Refund refund) {
        return storage.write(() -> {
            if (byId.containsKey(refund.id())) {
                throw new DuplicateKeyException(EntityKind.REFUND, refund.id());
            }
            if (byKey.containsKey(refund.idempotencyKey())) {
                throw new DuplicateKeyException(EntityKind.REFUND, refund.idempotencyKey());
            }
            Refund stored = refund.withVersion(1);
            byId.put(stored.id(), stored);
            byKey.put(stored.idempotencyKey(), stored.id());
            return stored;
        }, stored -> {
            byId.remove(stored.id());
            byKey.remove(stored.idempotencyKey());
        });
    }

    @Override
    public Refund update(Refund refund) {
        Refund previous = byId.get(refund.id());
        return storage.write(() -> {
            Refund current = byId.get(refund.id());
            if (current == null) {
                throw new NotFoundException(EntityKind.REFUND, refund.id());
            }
            if (current.version() != refund.version()) {
                throw new ConcurrentUpdateException(EntityKind.REFUND, refund.id(), refund.version());
            }
            Refund stored = refund.withVersion(refund.version() + 1);
            byId.put(stored.id(), stored);
            return stored;
        }, stored -> byId.put(previous.id(), previous));
    }

    @Override
    public Optional<Refund> findByIdempotencyKey(IdempotencyKey idempotencyKey) {
        return Optional.ofNullable(byKey.get(idempotencyKey)).map(byId::get);
    }

    @Override
    public List<Refund> findByInvoice(InvoiceId invoiceId) {
        return byId.values().stream().filter(refund -> refund.invoiceId().equals(invoiceId)).sorted(OLDEST_FIRST)
                .toList();
    }

    @Override
    public List<Refund> findRequested(Instant before, int limit) {
        return byId.values().stream()
                .filter(refund -> refund.status() == RefundStatus.REQUESTED && refund.updatedAt().isBefore(before))
                .sorted(Comparator.comparing(Refund::updatedAt).thenComparing(Refund::id))
                .limit(limit)
                .toList();
    }
}
