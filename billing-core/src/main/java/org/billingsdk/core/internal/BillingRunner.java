package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.List;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing run: pages through what is due by {@code now}, brings each subscription up to date
 * in its own transaction, retries pending erasures and delivers pending events. A failure on one
 * subscription is logged and counted, and the run goes on.
 */
public final class BillingRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BillingRunner.class);
    private static final int PAGE = 500;

    private final Context context;
    private final Lifecycle lifecycle;

    public BillingRunner(Context context, Lifecycle lifecycle) {
        this.context = context;
        this.lifecycle = lifecycle;
    }

    public BillingRunReport run(Instant now) {
        SubscriptionStore store = context.storage().subscriptions();
        int examined = 0;
        int trialsEnded = 0;
        int renewals = 0;
        int cancellations = 0;
        int failures = 0;
        SubscriptionId after = null;
        while (true) {
            SubscriptionId cursor = after;
            List<Subscription> due = context.read(() -> store.findDue(now, cursor, PAGE));
            for (Subscription subscription : due) {
                examined++;
                try {
                    Lifecycle.Advance advance = lifecycle.advance(subscription.id(), now);
                    trialsEnded += advance.trialsEnded();
                    renewals += advance.renewals();
                    cancellations += advance.cancelled() ? 1 : 0;
                } catch (RuntimeException e) {
                    failures++;
                    LOG.error("Billing run could not advance subscription {}; the next run tries again",
                            subscription.id(), e);
                }
            }
            if (due.size() < PAGE) {
                break;
            }
            after = due.get(due.size() - 1).id();
        }
        int erased = 0;
        int erasuresPending = 0;
        after = null;
        while (true) {
            SubscriptionId cursor = after;
            List<Subscription> pending = context.read(() -> store.findAwaitingErasure(cursor, PAGE));
            for (Subscription subscription : pending) {
                if (lifecycle.erase(subscription, Who.BILLING_RUN) == ErasureStatus.CONFIRMED) {
                    erased++;
                } else {
                    erasuresPending++;
                }
            }
            if (pending.size() < PAGE) {
                break;
            }
            after = pending.get(pending.size() - 1).id();
        }
        context.relay().deliverPending();
        return new BillingRunReport(now, examined, trialsEnded, renewals, cancellations, erased, erasuresPending,
                failures);
    }
}
