package org.billingsdk.core.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.ErasureOutcome;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * A product-environments port in memory that records what it was asked and can be told to fail;
 * thread-safe. Provisioning is idempotent per subscription, erasure is safe to repeat.
 */
public final class FakeEnvironments implements ProductEnvironments {

    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<SubscriptionId, EnvironmentId> provisioned = new ConcurrentHashMap<>();
    private final Set<EnvironmentId> live = ConcurrentHashMap.newKeySet();
    private final Map<EnvironmentId, AtomicInteger> erasureCalls = new ConcurrentHashMap<>();
    private final List<EnvironmentId> erasedInOrder = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean provisioningFails;
    private volatile int erasuresToFail;
    private volatile boolean erasureInProgress;
    private volatile int inUse;
    private final AtomicInteger changeQuestions = new AtomicInteger();

    @Override
    public EnvironmentId provision(SubscriptionId subscription, CompanyId company, ProductCode product) {
        if (provisioningFails) {
            throw new IllegalStateException("provisioning service unavailable");
        }
        return provisioned.computeIfAbsent(subscription, id -> {
            EnvironmentId environment = EnvironmentId.of(product.value() + "-env-" + sequence.incrementAndGet());
            live.add(environment);
            return environment;
        });
    }

    @Override
    public ErasureOutcome decommissionAndErase(EnvironmentId environment, SubscriptionId subscription) {
        erasureCalls.computeIfAbsent(environment, id -> new AtomicInteger()).incrementAndGet();
        synchronized (this) {
            if (erasuresToFail > 0) {
                erasuresToFail--;
                throw new IllegalStateException("erasure service unavailable");
            }
        }
        if (erasureInProgress) {
            return ErasureOutcome.IN_PROGRESS;
        }
        if (live.remove(environment)) {
            erasedInOrder.add(environment);
        }
        return ErasureOutcome.ERASED;
    }

    /** Makes every provisioning fail (or succeed again). */
    public void provisioningFails(boolean fails) {
        this.provisioningFails = fails;
    }

    @Override
    public Optional<String> refusalToChange(EnvironmentId environment, SubscriptionId subscription, PlanId plan,
            int quantity, Instant effectiveOn) {
        changeQuestions.incrementAndGet();
        if (!live.contains(environment)) {
            throw new IllegalStateException("environment " + environment + " is not live");
        }
        return quantity < inUse
                ? Optional.of("Environment " + environment + " has " + inUse + " endpoints enrolled; remove some"
                        + " before going down to " + quantity + ".")
                : Optional.empty();
    }

    /** Makes every environment hold {@code endpoints} enrolled endpoints: a change to fewer units is refused. */
    public void inUse(int endpoints) {
        inUse = endpoints;
    }

    /** {@return how many times a change was asked about} */
    public int changeQuestions() {
        return changeQuestions.get();
    }

    /** Makes the next {@code count} erasure calls throw. */
    public synchronized void failNextErasures(int count) {
        this.erasuresToFail = count;
    }

    /** Makes erasure calls answer IN_PROGRESS (or erase again). */
    public void erasureInProgress(boolean inProgress) {
        this.erasureInProgress = inProgress;
    }

    public boolean isLive(EnvironmentId environment) {
        return live.contains(environment);
    }

    public Set<EnvironmentId> liveEnvironments() {
        return Set.copyOf(live);
    }

    /** Environments erased, each once, in the order they were erased. */
    public List<EnvironmentId> erased() {
        synchronized (erasedInOrder) {
            return List.copyOf(erasedInOrder);
        }
    }

    public int erasureCalls(EnvironmentId environment) {
        AtomicInteger calls = erasureCalls.get(environment);
        return calls == null ? 0 : calls.get();
    }

    public int provisionedCount() {
        return provisioned.size();
    }
}
