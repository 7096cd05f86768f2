package org.billingsdk.core.subscription;

import java.util.Objects;
import org.billingsdk.core.Refusal;

/** What a reactivation request did. */
public sealed interface ReactivateResult {

    /** {@return the cancelled subscription the request named} */
    SubscriptionId previousId();

    /**
     * A new subscription was started on the same plan, with a new environment and no trial.
     *
     * @param previousId the cancelled subscription the request named
     * @param subscription the new subscription; its {@code previousId} links back
     */
    record Reactivated(SubscriptionId previousId, Subscription subscription) implements ReactivateResult {
        /**
         * Checks the components.
         *
         * @param previousId not null
         * @param subscription not null
         */
        public Reactivated {
            Objects.requireNonNull(previousId);
            Objects.requireNonNull(subscription);
        }

        /** {@return the new subscription's id} */
        public SubscriptionId subscriptionId() {
            return subscription.id();
        }

        /** {@return the new subscription's product environment} */
        public EnvironmentId environmentId() {
            return subscription.environmentId();
        }
    }

    /**
     * Nothing changed, for the reason given.
     *
     * @param previousId the subscription the request named
     * @param reason why the request was refused
     */
    record Refused(SubscriptionId previousId, Refusal reason) implements ReactivateResult {
        /**
         * Checks the components.
         *
         * @param previousId not null
         * @param reason not null
         */
        public Refused {
            Objects.requireNonNull(previousId);
            Objects.requireNonNull(reason);
        }
    }
}
