package org.billingsdk.examples.bench;

import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.ErasureOutcome;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/** Environments named after their subscription, erased at once: renewals never touch them. */
final class NamedEnvironments implements ProductEnvironments {

    @Override
    public EnvironmentId provision(SubscriptionId subscription, CompanyId company, ProductCode product) {
        return EnvironmentId.of("env-" + subscription);
    }

    @Override
    public ErasureOutcome decommissionAndErase(EnvironmentId environment, SubscriptionId subscription) {
        return ErasureOutcome.ERASED;
    }
}
