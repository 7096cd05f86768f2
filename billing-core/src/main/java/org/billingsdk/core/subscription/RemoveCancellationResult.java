package org.billingsdk.core.subscription;

import java.util.Objects;
import org.billingsdk.core.Refusal;

/** What a request to remove a scheduled cancellation did. */
public sealed interface RemoveCancellationResult {

    SubscriptionId subscriptionId();

    /** The scheduled cancellation is gone; service continues without interruption. */
    record Removed(SubscriptionId subscriptionId) implements RemoveCancellationResult {
        public Removed {
            Objects.requireNonNull(subscriptionId);
        }
    }

    /** Nothing changed, for the reason given. */
    record Refused(SubscriptionId subscriptionId, Refusal reason) implements RemoveCancellationResult {
        public Refused {
            Objects.requireNonNull(subscriptionId);
            Objects.requireNonNull(reason);
        }
    }
}
