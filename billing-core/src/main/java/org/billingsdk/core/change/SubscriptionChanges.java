package org.billingsdk.core.change;

import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.PortException;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * Changes of plan and quantity: upgrades, downgrades and seats, on the same product. A change
 * keeps the subscription (its id, its environment, its data); it never cancels or erases anything.
 * Obtained from {@code Billing.changes()}; thread-safe.
 *
 * <p>When a change takes effect is a {@link org.billingsdk.core.subscription.ChangeTiming}, or the
 * rules' default: an upgrade or a change of interval now, a downgrade at the end of the period
 * already invoiced, and under a contract a downgrade or a lower quantity at the term's end (see
 * {@link org.billingsdk.core.subscription.Subscription#decideChange}). An immediate change in an
 * invoiced period is prorated in seconds of the period, each line rounded once, half-up, to the
 * currency's minor unit: a credit for the unused time of what was charged, and a charge for the
 * rest of the period at the new amount, on one invoice. In a trial nothing is prorated.
 *
 * <p>Every operation applies the access rule as {@code Subscriptions} does: a subscription out of
 * the actor's reach is {@link NotFoundException}, one whose billing a partner runs
 * {@link RefusedException} with {@code PARTNER_MANAGED}. Each first applies what time has brought
 * to the subscription (a scheduled change whose date has come, a renewal, ...).
 */
public interface SubscriptionChanges {

    /**
     * Changes a subscription's plan, quantity or both. The environments port is asked first
     * ({@code ProductEnvironments.refusalToChange}), for an immediate and a scheduled change
     * alike; its refusal changes nothing. A newer change replaces a scheduled one.
     *
     * @param actor who changes it; not null
     * @param subscriptionId the subscription; not null
     * @param change the plan and/or quantity, and optionally the timing; not null
     * @return applied (with the invoice and credit note it issued; both {@code null} when they are a
     *     payer's the actor does not reach, such as a parent that pays for the actor's company),
     *     scheduled (with its date), or refused with a reason (see {@link ChangeResult.Refused})
     * @throws org.billingsdk.core.InvalidInputException naming {@code quantity} or {@code planId}
     *     when the request is malformed (see {@link Change#problems})
     * @throws NotFoundException if the subscription is missing or out of the actor's reach, or the plan is missing
     * @throws RefusedException with {@code PARTNER_MANAGED}
     * @throws PortException if the environments port failed when asked (nothing changes)
     * @throws StorageException if the change could not be stored (nothing changes)
     * @throws org.billingsdk.core.ConcurrentUpdateException if concurrent updates of the
     *     subscription won every one of the SDK's tries (nothing changes; asking again is safe)
     */
    ChangeResult change(Actor actor, SubscriptionId subscriptionId, Change change);

    /**
     * What {@link #change} would do now, without doing it: the decision, and for an immediate
     * change the exact invoice (lines, VAT, totals, credit from the balance) and credit note it would
     * issue at this instant. The environments port is not asked.
     *
     * @param actor who asks; not null
     * @param subscriptionId the subscription; not null
     * @param change the change; not null
     * @return the preview; an immediate one without its invoice and credit note when they would be
     *     a payer's the actor does not reach
     * @throws org.billingsdk.core.InvalidInputException as {@link #change}
     * @throws NotFoundException as {@link #change}
     * @throws RefusedException with {@code PARTNER_MANAGED}
     */
    ChangePreview preview(Actor actor, SubscriptionId subscriptionId, Change change);

    /**
     * Revokes the scheduled change of a subscription, while its date has not come.
     *
     * @param actor who revokes it; not null
     * @param subscriptionId the subscription; not null
     * @return revoked (with the change that was scheduled), or refused: {@code NO_CHANGE_SCHEDULED},
     *     {@code ALREADY_CANCELLED}
     * @throws NotFoundException if the subscription is missing or out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED}
     * @throws org.billingsdk.core.ConcurrentUpdateException as {@link #change}
     */
    RevokeChangeResult revoke(Actor actor, SubscriptionId subscriptionId);
}
