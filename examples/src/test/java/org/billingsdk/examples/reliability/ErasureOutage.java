package org.billingsdk.examples.reliability;

import java.util.concurrent.atomic.AtomicInteger;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.ErasureOutcome;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.testing.FakeEnvironments;

/**
 * The product environments port of the suite: {@link FakeEnvironments} behind a switch that makes
 * the erasure service unavailable while it is down, as an outage would, counting the calls it
 * refused. Provisioning keeps working. Thread-safe.
 */
final class ErasureOutage implements ProductEnvironments {

    private final FakeEnvironments environments = new FakeEnvironments();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean down;

    @Override
    public EnvironmentId provision(SubscriptionId subscription, CompanyId company, ProductCode product) {
        return environments.provision(subscription, company, product);
    }

    @Override
    public ErasureOutcome decommissionAndErase(EnvironmentId environment, SubscriptionId subscription) {
        if (down) {
            refused.incrementAndGet();
            throw new IllegalStateException("erasure service unavailable (injected outage)");
        }
        return environments.decommissionAndErase(environment, subscription);
    }

    /** Takes the erasure service down, or brings it back. */
    void down(boolean down) {
        this.down = down;
    }

    /** How many erasure calls the outage refused. */
    int refused() {
        return refused.get();
    }

    /** The environments behind the switch, with what they were asked and what they erased. */
    FakeEnvironments environments() {
        return environments;
    }
}
