package org.billingsdk.core.change;

import java.util.Objects;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.SubscriptionId;

/** What revoking a scheduled change did. */
public sealed interface RevokeChangeResult {

    /** {@return the subscription the request named} */
    SubscriptionId subscriptionId();

    /**
     * The scheduled change is gone; the subscription stays on its plan and quantity.
     *
     * @param subscriptionId the subscription
     * @param revoked the change that was scheduled
     */
    record Revoked(SubscriptionId subscriptionId, ScheduledChange revoked) implements RevokeChangeResult {
        /**
         * Checks the components.
         *
         * @param subscriptionId not null
         * @param revoked not null
         */
        public Revoked {
            Objects.requireNonNull(subscriptionId, "subscriptionId");
            Objects.requireNonNull(revoked, "revoked");
        }
    }

    /**
     * Nothing changed, for the reason given.
     *
     * @param subscriptionId the subscription
     * @param reason {@code NO_CHANGE_SCHEDULED} (also once its date has come: it has taken effect)
     *     or {@code ALREADY_CANCELLED}
     */
    record Refused(SubscriptionId subscriptionId, Refusal reason) implements RevokeChangeResult {
        /**
         * Checks the components.
         *
         * @param subscriptionId not null
         * @param reason not null
         */
        public Refused {
            Objects.requireNonNull(subscriptionId, "subscriptionId");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
