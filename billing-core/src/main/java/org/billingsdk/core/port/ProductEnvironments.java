package org.billingsdk.core.port;

import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * The host's product environments: provisioned when a subscription starts (or is reactivated),
 * decommissioned with all their data when its cancellation takes effect. Implementations must be
 * thread-safe and idempotent, as the SDK repeats calls after failures.
 */
public interface ProductEnvironments {

    /**
     * Provisions a new environment for a subscription and names it. Calling again for the same
     * subscription id should answer the same environment.
     *
     * @throws RuntimeException if it cannot; the subscription is then not created
     */
    EnvironmentId provision(SubscriptionId subscription, CompanyId company, ProductCode product);

    /**
     * Decommissions an environment and permanently erases all data linked to the subscription.
     * Safe to repeat: erasing an environment already gone answers {@link ErasureOutcome#ERASED}.
     *
     * @return {@link ErasureOutcome#ERASED} once everything is gone, {@link ErasureOutcome#IN_PROGRESS}
     *     while it is under way; the SDK asks again (through the billing run) until it is erased.
     *     Throwing counts as {@code IN_PROGRESS}.
     */
    ErasureOutcome decommissionAndErase(EnvironmentId environment, SubscriptionId subscription);
}
