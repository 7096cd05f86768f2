package org.billingsdk.core;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.billingsdk.core.catalog.Catalog;
import org.billingsdk.core.company.Accounts;
import org.billingsdk.core.internal.BillingRunner;
import org.billingsdk.core.internal.Context;
import org.billingsdk.core.internal.EventRelay;
import org.billingsdk.core.internal.InputValidator;
import org.billingsdk.core.internal.Lifecycle;
import org.billingsdk.core.port.EventSink;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.subscription.CancellationTiming;
import org.billingsdk.core.subscription.Subscriptions;

/**
 * The SDK's entry point: build it once with the ports and a clock, then call it from any number
 * of threads. Thread-safe.
 *
 * <pre>{@code
 * Billing billing = Billing.builder()
 *         .storage(InMemoryStorage.create())
 *         .environments(myEnvironments)
 *         .events(event -> log.info("{}", event))
 *         .clock(Clock.systemUTC())
 *         .build();
 * }</pre>
 *
 * <p>Days and months are counted in UTC. Every change is atomic in the storage, emits a domain
 * event to the {@link EventSink} (at least once) and leaves an audit record.
 */
public final class Billing {

    private final Accounts accounts;
    private final Catalog catalog;
    private final Subscriptions subscriptions;
    private final BillingRunner runner;

    private Billing(Builder builder) {
        Storage storage = Objects.requireNonNull(builder.storage, "storage is required");
        ProductEnvironments environments = Objects.requireNonNull(builder.environments, "environments are required");
        Context context = new Context(storage, environments, builder.clock, builder.cancellationTiming,
                InputValidator.create(), new EventRelay(storage, builder.events));
        Lifecycle lifecycle = new Lifecycle(context);
        this.accounts = new Accounts(context);
        this.catalog = new Catalog(context);
        this.subscriptions = new Subscriptions(context, lifecycle);
        this.runner = new BillingRunner(context, lifecycle);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Companies, their hierarchy, account and billing details. */
    public Accounts accounts() {
        return accounts;
    }

    /** Products and plans. */
    public Catalog catalog() {
        return catalog;
    }

    /** Subscribe, cancel, remove a scheduled cancellation, reactivate, and the portal's list. */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /**
     * Does everything due by {@code now}: trials that end, contracts that renew, scheduled
     * cancellations that take effect (with their data erasure), erasures still pending, and
     * events not yet delivered. Idempotent: a second run for the same {@code now} changes nothing.
     * Safe to call from a scheduler on several nodes at once.
     */
    public BillingRunReport run(Instant now) {
        return runner.run(Objects.requireNonNull(now, "now"));
    }

    /** Builds a {@link Billing}; not thread-safe, use it once. */
    public static final class Builder {
        private Storage storage;
        private ProductEnvironments environments;
        private EventSink events = EventSink.discarding();
        private Clock clock = Clock.systemUTC();
        private CancellationTiming cancellationTiming = CancellationTiming.IMMEDIATE;

        private Builder() {
        }

        /** Where aggregates are kept; required. */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** The host's product environments: provisioned on subscribe, erased on cancellation; required. */
        public Builder environments(ProductEnvironments environments) {
            this.environments = Objects.requireNonNull(environments, "environments");
            return this;
        }

        /** Where domain events go, at least once; by default they are dropped. */
        public Builder events(EventSink events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /** The clock every operation reads its time from; {@link Clock#systemUTC()} by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * When a cancellation without a trial or a running contract takes effect;
         * {@link CancellationTiming#IMMEDIATE} by default.
         */
        public Builder cancellationTiming(CancellationTiming timing) {
            this.cancellationTiming = Objects.requireNonNull(timing, "timing");
            return this;
        }

        /** @throws NullPointerException if the storage or the environments are missing */
        public Billing build() {
            return new Billing(this);
        }
    }
}
