package org.billingsdk.core.subscription;

import java.util.Objects;
import org.billingsdk.core.Refusal;

/** What a reactivation request did. */
public sealed interface ReactivateResult {

    /** The cancelled subscription the request named. */
    SubscriptionId previousId();

    /**
     * A new subscription was started on the same plan, with a new environment and no trial.
     *
     * @param subscription the new subscription; its {@code previousId} links back
     */
    record Reactivated(SubscriptionId previousId, Subscription subscription) implements ReactivateResult {
        public Reactivated {
            Objects.requireNonNull(previousId);
            Objects.requireNonNull(subscription);
        }

        public SubscriptionId subscriptionId() {
            return subscription.id();
        }

        public EnvironmentId environmentId() {
            return subscription.environmentId();
        }
    }

    /** Nothing changed, for the reason given. */
    record Refused(SubscriptionId previousId, Refusal reason) implements ReactivateResult {
        public Refused {
            Objects.requireNonNull(previousId);
            Objects.requireNonNull(reason);
        }
    }
}
