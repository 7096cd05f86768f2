package org.billingsdk.core.change;

import java.util.Objects;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;

/** What a change of plan or quantity did. */
public sealed interface ChangeResult {

    /** {@return the subscription the request named} */
    SubscriptionId subscriptionId();

    /**
     * The change took effect now. When the current period was invoiced, it was prorated: the
     * unused time of what was charged is credited and the new amount charged for the rest of the
     * period, on one invoice (charged at once, after the credit balance); when the credit is the
     * larger, it is a credit note instead (to the credit balance for a paid invoice, off the amount
     * due of an unpaid one), and the rest of the period is invoiced on its own, settled from the
     * balance first.
     *
     * @param subscriptionId the subscription
     * @param subscription the subscription as stored after the change and the charge
     * @param invoice the invoice the change issued, as stored after its charge, or {@code null} when
     *     none was issued (in a trial, say)
     * @param creditNote the credit note the change issued, or {@code null}
     * @param replaced the change that was scheduled before and this one replaced, or {@code null}
     */
    record Applied(SubscriptionId subscriptionId, Subscription subscription, Invoice invoice, CreditNote creditNote,
            ScheduledChange replaced) implements ChangeResult {
        /**
         * Checks the components.
         *
         * @param subscriptionId not null
         * @param subscription not null
         * @param invoice may be null
         * @param creditNote may be null
         * @param replaced may be null
         */
        public Applied {
            Objects.requireNonNull(subscriptionId, "subscriptionId");
            Objects.requireNonNull(subscription, "subscription");
        }
    }

    /**
     * The change waits for its date; until then the subscription stays as it is, and the change
     * can be revoked.
     *
     * @param subscriptionId the subscription
     * @param change what changes, and when
     * @param replaced the change that was scheduled before and this one replaced, or {@code null}
     */
    record Scheduled(SubscriptionId subscriptionId, ScheduledChange change, ScheduledChange replaced)
            implements ChangeResult {
        /**
         * Checks the components.
         *
         * @param subscriptionId not null
         * @param change not null
         * @param replaced may be null
         */
        public Scheduled {
            Objects.requireNonNull(subscriptionId, "subscriptionId");
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * Nothing changed, for the reason given.
     *
     * @param subscriptionId the subscription
     * @param reason the refusal: {@code ALREADY_CANCELLED}, {@code CANCELLATION_SCHEDULED},
     *     {@code OTHER_PRODUCT}, {@code SAME_PLAN_AND_QUANTITY}, {@code QUANTITY_OUT_OF_RANGE},
     *     {@code COMMITTED_UNTIL_TERM_END}, {@code NOT_UNDER_CONTRACT}, {@code PAST_DUE} or
     *     {@code ENVIRONMENT_REFUSED}
     */
    record Refused(SubscriptionId subscriptionId, Refusal reason) implements ChangeResult {
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
