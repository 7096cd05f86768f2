package org.billingsdk.core.port;

import java.time.Instant;
import java.util.Optional;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;


/**
 * The host's product environments: provisioned when a subscription starts (or is reactivated),
 * decommissioned with all their data when its cancellation takes effect. Implementations must be
 * thread-safe and idempotent, as the SDK repeats calls after failures. The SDK calls them outside
 * any storage transaction; a custom implementation proves itself with the
 * {@code ProductEnvironmentsContract} suite in billing-core's test jar.
 */
public interface ProductEnvironments {

    /**
     * Provisions a new environment for a subscription and names it. Calling again for the same
     * subscription id should answer the same environment; every other subscription gets one of its
     * own, also when called from several threads at once. Called before the subscription is
     * stored: if storing it then fails, the SDK gives the environment back with
     * {@link #decommissionAndErase} at once.
     *
     * @param subscription the new subscription's id (a reactivation is a new subscription with a
     *     new id)
     * @param company the company that subscribes
     * @param product the product to provision
     * @return the environment's name; never {@code null}
     * @throws RuntimeException if it cannot; the subscription is then not created, and the host
     *     gets a {@link org.billingsdk.core.PortException} with this as its cause
     */
    EnvironmentId provision(SubscriptionId subscription, CompanyId company, ProductCode product);

    /**
     * Decommissions an environment and permanently erases all data linked to the subscription.
     * Safe to repeat: erasing an environment already gone answers {@link ErasureOutcome#ERASED}.
     * Erasing one environment leaves the others alone. For a subscription that could not be
     * stored it is asked only once, and a failure is only logged (the environment is then left for
     * someone to remove by hand).
     *
     * @param environment the environment {@link #provision} named for the subscription
     * @param subscription the cancelled subscription (or the one that could not be stored)
     * @return {@link ErasureOutcome#ERASED} once everything is gone, {@link ErasureOutcome#IN_PROGRESS}
     *     while it is under way; the SDK asks again (through the billing run) until it is erased.
     *     Throwing counts as {@code IN_PROGRESS}.
     */
    ErasureOutcome decommissionAndErase(EnvironmentId environment, SubscriptionId subscription);

    /**
     * Asks whether the environment can be on {@code quantity} units of {@code plan} from
     * {@code effectiveOn} on, before a change of plan or quantity is made (at once or scheduled):
     * for instance, it cannot shrink below what is in use. Asking changes nothing: the change itself
     * is told by the {@code SubscriptionChanged} event, once it has taken effect. Called outside any
     * transaction, and again for every request; the default accepts every change, so adapters
     * written before changes existed keep compiling and working.
     *
     * @param environment the subscription's environment
     * @param subscription the subscription
     * @param plan the plan it would be on (the same plan when only the quantity changes)
     * @param quantity the quantity it would have
     * @param effectiveOn when the change would take effect
     * @return the reason it cannot, as the customer may read it; empty when it can
     * @throws RuntimeException if it cannot tell; the change is then not made, and the host gets a
     *     {@link org.billingsdk.core.PortException} with this as its cause
     */
    default Optional<String> refusalToChange(EnvironmentId environment, SubscriptionId subscription, PlanId plan,
            int quantity, Instant effectiveOn) {
        return Optional.empty();
    }
}
