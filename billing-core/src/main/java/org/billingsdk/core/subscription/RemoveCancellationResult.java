package org.billingsdk.core.subscription;

import java.util.Objects;
import org.billingsdk.core.Refusal;

/** What a request to remove a scheduled cancellation did. */
public sealed interface RemoveCancellationResult {

    /** {@return the subscription the request named} */
    SubscriptionId subscriptionId();

    /**
     * The scheduled cancellation is gone; service continues without interruption.
     *
     * @param subscriptionId the subscription
     */
    record Removed(SubscriptionId subscriptionId) implements RemoveCancellationResult {
        /**
         * Checks the component.
         *
         * @param subscriptionId not null
         */
        public Removed {
            Objects.requireNonNull(subscriptionId);
        }
    }

    /**
     * Nothing changed, for the reason given.
     *
     * @param subscriptionId the subscription
     * @param reason why the request was refused
     */
    record Refused(SubscriptionId subscriptionId, Refusal reason) implements RemoveCancellationResult {
        /**
         * Checks the components.
         *
         * @param subscriptionId not null
         * @param reason not null
         */
        public Refused {
            Objects.requireNonNull(subscriptionId);
            Objects.requireNonNull(reason);
        }
    }
}
