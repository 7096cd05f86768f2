package org.billingsdk.core.memory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.port.PaymentSetupStore;

final class InMemoryPaymentSetupStore implements PaymentSetupStore {

    private final InMemoryStorage storage;
    private final Map<SetupId, SetupSession> setups = new ConcurrentHashMap<>();
    private final Map<SetupId, PaymentMethodId> completedSetups = new ConcurrentHashMap<>();

    InMemoryPaymentSetupStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public void insert(SetupSession setup) {
        storage.write(() -> {
            if (setups.putIfAbsent(setup.id(), setup) != null) {
                throw new DuplicateKeyException(EntityKind.PAYMENT_SETUP, setup.id());
            }
            return setup;
        }, inserted -> setups.remove(inserted.id()));
    }

    @Override
    public Optional<SetupSession> findById(SetupId id) {
        return Optional.ofNullable(setups.get(id));
    }

    @Override
    public void delete(SetupId id) {
        SetupSession previous = setups.get(id);
        if (previous != null) {
            storage.write(() -> setups.remove(id), removed -> setups.put(id, previous));
        }
    }

    @Override
    public void markCompleted(SetupSession setup, PaymentMethodId method) {
        delete(setup.id());
        if (!completedSetups.containsKey(setup.id())) {
            storage.write(() -> completedSetups.put(setup.id(), method), previous -> completedSetups.remove(setup.id()));
        }
    }

    @Override
    public Optional<PaymentMethodId> findCompleted(SetupId id) {
        return Optional.ofNullable(completedSetups.get(id));
    }
}
