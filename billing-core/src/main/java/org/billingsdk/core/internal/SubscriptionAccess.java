package org.billingsdk.core.internal;

import java.time.Instant;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * What every command on a subscription does first: finds it within the actor's reach, refuses a
 * partner-run one, and applies what time has brought to it. Thread-safe.
 */
final class SubscriptionAccess {

    private final Context context;
    private final Lifecycle lifecycle;

    SubscriptionAccess(Context context, Lifecycle lifecycle) {
        this.context = context;
        this.lifecycle = lifecycle;
    }

    /**
     * Applies what time has brought to the subscription (a scheduled change, a trial's end, a
     * renewal, a scheduled cancellation) before an operation decides on it, as the billing run
     * would: the answer must not depend on whether the run has caught up. Checks the actor's reach
     * and that no partner runs the billing first, so that nothing happens for a subscription the
     * operation is refused on.
     */
    void bringUpToDate(Actor actor, SubscriptionId id, Instant now) {
        context.read(() -> {
            requireNotPartnerManaged(actor, reach(actor, id));
            return null;
        });
        bringUpToDate(id, now);
    }

    void bringUpToDate(SubscriptionId id, Instant now) {
        Lifecycle.Advance advance = lifecycle.advance(id, now);
        if (advance.cancelled()) {
            context.read(() -> context.storage().subscriptions().findById(id))
                    .ifPresent(cancelled -> lifecycle.erase(cancelled, Who.BILLING_RUN));
        }
    }

    /** The subscription, read in the caller's transaction; missing or out of reach alike are not found. */
    Subscription reach(Actor actor, SubscriptionId id) {
        Subscription subscription = context.storage().subscriptions().findById(id)
                .orElseThrow(() -> new NotFoundException(EntityKind.SUBSCRIPTION, id));
        if (!context.access().reaches(actor, subscription.companyId())) {
            throw new NotFoundException(EntityKind.SUBSCRIPTION, id);
        }
        return subscription;
    }

    /**
     * Refuses an operation on a subscription of a partner-run company (or by an actor of one), as
     * every operation does: thrown, never answered as a command's result.
     *
     * @throws RefusedException with {@code PARTNER_MANAGED}
     */
    void requireNotPartnerManaged(Actor actor, Subscription subscription) {
        Company company = context.storage().companies().findById(subscription.companyId()).orElseThrow();
        context.access().partnerRefusal(actor, company).ifPresent(refusal -> {
            throw new RefusedException(refusal);
        });
    }
}
