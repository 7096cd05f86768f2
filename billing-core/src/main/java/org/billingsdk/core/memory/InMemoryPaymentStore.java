package org.billingsdk.core.memory;

import java.util.Collection;
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
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentId;
import org.billingsdk.core.port.PaymentStore;

final class InMemoryPaymentStore implements PaymentStore {

    private final InMemoryStorage storage;
    private final Map<PaymentId, Payment> byId = new ConcurrentHashMap<>();
    private final Map<IdempotencyKey, PaymentId> byKey = new ConcurrentHashMap<>();
    private final Map<InvoiceId, Set<PaymentId>> byInvoice = new ConcurrentHashMap<>();

    InMemoryPaymentStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public Payment insert(Payment payment) {
        return storage.write(() -> {
            if (byId.containsKey(payment.id()) || byKey.containsKey(payment.idempotencyKey())) {
                throw new DuplicateKeyException(EntityKind.PAYMENT, payment.idempotencyKey());
            }
            Payment stored = payment.withVersion(1);
            byId.put(stored.id(), stored);
            byKey.put(stored.idempotencyKey(), stored.id());
            byInvoice.computeIfAbsent(stored.invoiceId(), id -> ConcurrentHashMap.newKeySet()).add(stored.id());
            return stored;
        }, stored -> {
            byId.remove(stored.id());
            byKey.remove(stored.idempotencyKey());
            byInvoice.get(stored.invoiceId()).remove(stored.id());
        });
    }

    @Override
    public Payment update(Payment payment) {
        Payment previous = byId.get(payment.id());
        return storage.write(() -> {
            Payment current = byId.get(payment.id());
            if (current == null) {
                throw new NotFoundException(EntityKind.PAYMENT, payment.id());
            }
            if (current.version() != payment.version()) {
                throw new ConcurrentUpdateException(EntityKind.PAYMENT, payment.id(), payment.version());
            }
            Payment stored = payment.withVersion(payment.version() + 1);
            byId.put(stored.id(), stored);
            return stored;
        }, stored -> byId.put(previous.id(), previous));
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(IdempotencyKey idempotencyKey) {
        return Optional.ofNullable(byKey.get(idempotencyKey)).map(byId::get);
    }

    @Override
    public List<Payment> findByInvoices(Collection<InvoiceId> invoiceIds) {
        return invoiceIds.stream().distinct()
                .flatMap(invoice -> byInvoice.getOrDefault(invoice, Set.of()).stream())
                .map(byId::get)
                .sorted(Comparator.comparing((Payment p) -> p.invoiceId().value()).thenComparing(Payment::attempt))
                .toList();
    }
}
