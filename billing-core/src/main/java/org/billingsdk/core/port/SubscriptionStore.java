package org.billingsdk.core.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * Keeps subscriptions. Writes are versioned like {@link CompanyStore}'s. Thread-safe.
 */
public interface SubscriptionStore {

    Optional<Subscription> findById(SubscriptionId id);

    /**
     * Stores a new subscription at version 1 and returns it so.
     *
     * @throws org.billingsdk.core.DuplicateKeyException if its id is taken
     */
    Subscription insert(Subscription subscription);

    /**
     * Replaces the stored subscription whose version is {@code subscription.version()} and returns
     * it with the version incremented.
     *
     * @throws org.billingsdk.core.ConcurrentUpdateException if the stored version differs
     * @throws org.billingsdk.core.NotFoundException if there is no such subscription
     */
    Subscription update(Subscription subscription);

    /** Every subscription of the given companies, cancelled ones included, ordered by start then id. */
    List<Subscription> findByCompanies(Collection<CompanyId> companyIds);

    /**
     * Up to {@code limit} subscriptions whose {@link Subscription#nextDueAt()} is at or before
     * {@code now}, with ids greater than {@code after} (or from the first when {@code null}),
     * ordered by id: the billing run pages through them with the last id it saw.
     */
    List<Subscription> findDue(Instant now, SubscriptionId after, int limit);

    /**
     * Up to {@code limit} cancelled subscriptions whose erasure is still pending, with ids greater
     * than {@code after} (or from the first when {@code null}), ordered by id.
     */
    List<Subscription> findAwaitingErasure(SubscriptionId after, int limit);
}
