package org.billingsdk.core.testing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.CompanyScope;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.subscription.SubscriptionSummary;

/**
 * A subscription store that hands everything to another, the default methods included (so the
 * delegate's own batched and claiming methods run); tests override what they want to break or
 * watch. A test that breaks {@link #update} breaks {@link #updateAll} too, or the batch passes
 * untouched.
 */
public class ForwardingSubscriptionStore implements SubscriptionStore {

    protected final SubscriptionStore delegate;

    public ForwardingSubscriptionStore(SubscriptionStore delegate) {
        this.delegate = Objects.requireNonNull(delegate);
    }

    @Override
    public Optional<Subscription> findById(SubscriptionId id) {
        return delegate.findById(id);
    }

    @Override
    public Subscription insert(Subscription subscription) {
        return delegate.insert(subscription);
    }

    @Override
    public Subscription update(Subscription subscription) {
        return delegate.update(subscription);
    }

    @Override
    public List<Subscription> findByCompanies(Collection<CompanyId> companyIds) {
        return delegate.findByCompanies(companyIds);
    }

    @Override
    public List<Listed> findListedBelow(CompanyScope scope, Listing listing, ListPosition after, int limit) {
        return delegate.findListedBelow(scope, listing, after, limit);
    }

    @Override
    public Map<SubscriptionState, Long> countListed(CompanyScope scope, Listing listing) {
        return delegate.countListed(scope, listing);
    }

    @Override
    public List<SubscriptionSummary> findSummaries(Collection<CompanyId> companyIds, boolean withCancelled) {
        return delegate.findSummaries(companyIds, withCancelled);
    }

    @Override
    public List<Subscription> findDue(Instant now, SubscriptionId after, int limit) {
        return delegate.findDue(now, after, limit);
    }

    @Override
    public List<Subscription> claimDue(Instant now, SubscriptionId after, int limit) {
        return delegate.claimDue(now, after, limit);
    }

    @Override
    public List<Subscription> findAwaitingErasure(SubscriptionId after, int limit) {
        return delegate.findAwaitingErasure(after, limit);
    }

    @Override
    public List<Subscription> findAllById(Collection<SubscriptionId> ids) {
        return delegate.findAllById(ids);
    }

    @Override
    public List<Subscription> updateAll(List<Subscription> subscriptions) {
        return delegate.updateAll(subscriptions);
    }
}
