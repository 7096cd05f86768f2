package org.billingsdk.core.internal;

import java.util.Objects;
import org.billingsdk.core.PortException;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Product environments for new subscriptions, and giving them back: provisions through the
 * environments port (outside any transaction), and when storing the subscription failed, finds out
 * whether it was stored after all before it gives the environment back. The one place a subscribe
 * or a reactivation compensates. Thread-safe.
 */
final class Provisioning {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioning.class);

    private final Context context;

    Provisioning(Context context) {
        this.context = context;
    }

    EnvironmentId provision(SubscriptionId id, CompanyId companyId, Plan plan) {
        try {
            return Objects.requireNonNull(context.environments().provision(id, companyId, plan.productCode()),
                    "the environments port answered no environment id");
        } catch (RuntimeException e) {
            throw new PortException("environments.provision",
                    "could not provision an environment for subscription " + id, e);
        }
    }

    /**
     * After storing a new subscription failed: whether it was stored after all (the commit went
     * through and only its answer was lost), in which case it stands and keeps its environment.
     * Otherwise its environment is given back, unless the storage cannot even tell: erasing a live
     * subscription's environment would be worse than leaving one to remove by hand.
     */
    boolean storedAfterAll(SubscriptionId id, EnvironmentId environment, RuntimeException failure) {
        boolean stored;
        try {
            stored = context.read(() -> context.storage().subscriptions().findById(id)).isPresent();
        } catch (RuntimeException unknown) {
            failure.addSuppressed(unknown);
            LOG.error("Subscription {} may or may not have been stored (the storage cannot tell); its environment {} "
                    + "is kept: remove it by hand if the subscription does not exist", id, environment);
            return false;
        }
        if (stored) {
            LOG.warn("Storing subscription {} reported a failure ({}) but it was stored; it stands", id,
                    failure.toString());
            return true;
        }
        release(environment, id);
        return false;
    }

    /** Gives back an environment provisioned for a subscription that was then not stored, logging a failure. */
    void release(EnvironmentId environment, SubscriptionId id) {
        try {
            context.environments().decommissionAndErase(environment, id);
        } catch (RuntimeException e) {
            LOG.error("Environment {} was provisioned for subscription {}, which was not stored, and could not "
                    + "be decommissioned; remove it by hand", environment, id, e);
        }
    }
}
