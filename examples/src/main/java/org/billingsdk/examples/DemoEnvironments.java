package org.billingsdk.examples;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.ErasureOutcome;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * A stand-in for the host's provisioning service: it names environments and prints what it
 * provisions and erases. A real host calls its own infrastructure here.
 */
final class DemoEnvironments implements ProductEnvironments {

    private final AtomicInteger sequence = new AtomicInteger(100);
    private final Map<SubscriptionId, EnvironmentId> provisioned = new ConcurrentHashMap<>();

    @Override
    public EnvironmentId provision(SubscriptionId subscription, CompanyId company, ProductCode product) {
        return provisioned.computeIfAbsent(subscription, id -> {
            EnvironmentId environment = EnvironmentId.of(product.value() + "-" + sequence.incrementAndGet());
            System.out.printf("    [environments] provisioned %s%n", environment);
            return environment;
        });
    }

    @Override
    public ErasureOutcome decommissionAndErase(EnvironmentId environment, SubscriptionId subscription) {
        System.out.printf("    [environments] decommissioned %s and erased all its data%n", environment);
        return ErasureOutcome.ERASED;
    }
}
