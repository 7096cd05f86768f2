package org.billingsdk.core.subscription;

import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.PortException;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.CompanyId;

/**
 * Subscriptions as the portal manages them: subscribe, cancel, remove a scheduled cancellation,
 * reactivate; and, from {@link SubscriptionQueries}, what the portal reads of them. Obtained from
 * {@code Billing.subscriptions()}; thread-safe. Changes of plan and quantity, which keep the
 * subscription, are {@code Billing.changes()}'s ({@code org.billingsdk.core.change.SubscriptionChanges}).
 *
 * <p>Every operation applies the access rule: a subscription of a company the actor does not
 * reach is answered with {@link NotFoundException}, exactly as one that does not exist, and one
 * whose billing a partner runs with {@link RefusedException} ({@code PARTNER_MANAGED}). The
 * refusals of the action itself come back as values ({@link CancelResult.Refused}, ...) with a
 * stable code and a sentence.
 */
public interface Subscriptions extends SubscriptionQueries {

    /**
     * Subscribes a company to a plan: provisions a product environment through the environments
     * port and starts the subscription, in its trial when the plan has one. Without a trial the
     * first billing period is invoiced at once and charged to the default payment method. It is for
     * one unit of the plan; {@link #subscribe(Actor, CompanyId, PlanId, int)} subscribes to more.
     *
     * @param actor who subscribes; not null
     * @param companyId the subscribing company, in the actor's reach; not null
     * @param planId the plan; not null
     * @return the subscription as stored, after the first period's invoice and charge when there is
     *     no trial: trialing, active, or past due when that charge was declined (also for want of a
     *     default payment method)
     * @throws NotFoundException if the company is missing or out of the actor's reach, or the plan is missing
     * @throws org.billingsdk.core.InvalidInputException naming {@code quantity} if the plan's minimum
     *     quantity is above one
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or this one is
     *     partner-managed
     * @throws PortException if the environment could not be provisioned (nothing is stored)
     * @throws StorageException if the subscription could not be stored; its environment is given
     *     back, unless the storage could not tell whether it was stored (then it is kept, and logged).
     *     A subscription whose commit went through although the storage reported a failure is
     *     returned, not thrown
     */
    Subscription subscribe(Actor actor, CompanyId companyId, PlanId planId);

    /**
     * Subscribes a company to {@code quantity} units (seats, endpoints) of a plan, as
     * {@link #subscribe(Actor, CompanyId, PlanId)} subscribes to one: each period is invoiced at the
     * plan's price per unit times the quantity.
     *
     * @param actor who subscribes; not null
     * @param companyId the subscribing company, in the actor's reach; not null
     * @param planId the plan; not null
     * @param quantity how many units, within the plan's minimum and maximum
     * @return the subscription as stored, as the other {@code subscribe} answers it
     * @throws org.billingsdk.core.InvalidInputException naming {@code quantity} if the plan does not
     *     allow it (nothing is provisioned or stored)
     * @throws NotFoundException as the other {@code subscribe}
     * @throws RefusedException as the other {@code subscribe}
     * @throws PortException as the other {@code subscribe}
     * @throws StorageException as the other {@code subscribe}
     */
    Subscription subscribe(Actor actor, CompanyId companyId, PlanId planId, int quantity);

    /**
     * Cancels a subscription. In a trial it is scheduled for the trial's end (nothing is ever
     * charged); under a contract, for the term's end; otherwise it takes effect as the configured
     * {@link CancellationTiming} says (at once by default), and then the environment and all data
     * linked to the subscription are erased through the environments port.
     *
     * @param actor who cancels; not null
     * @param subscriptionId the subscription; not null
     * @param erasure must be {@link DataErasure#ACKNOWLEDGED}: the caller confirms that all linked
     *     data will be permanently removed; otherwise the request is refused
     * @return scheduled (with its date, also when it was already scheduled), cancelled (with the
     *     erasure confirmed or still pending), or refused with a reason: {@code ALREADY_CANCELLED}
     *     or {@code ERASURE_NOT_ACKNOWLEDGED}
     * @throws NotFoundException if the subscription is missing or out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or the
     *     subscription's is partner-managed; nothing changes
     */
    CancelResult cancel(Actor actor, SubscriptionId subscriptionId, DataErasure erasure);

    /**
     * Removes a scheduled cancellation, while its date has not come: the subscription continues
     * without interruption.
     *
     * @param actor who removes it; not null
     * @param subscriptionId the subscription; not null
     * @return removed, or refused: {@code NOTHING_SCHEDULED}, {@code ALREADY_CANCELLED},
     *     {@code CANCELLATION_DUE} (the date has passed)
     * @throws NotFoundException if the subscription is missing or out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or the
     *     subscription's is partner-managed; nothing changes
     */
    RemoveCancellationResult removeScheduledCancellation(Actor actor, SubscriptionId subscriptionId);

    /**
     * Reactivates a cancelled subscription: a new subscription on the same plan with a new product
     * environment, no trial and, where the plan has one, a new contract term starting now; its
     * first period is invoiced today. The old subscription stays cancelled and links to the new one.
     *
     * @param actor who reactivates; not null
     * @param subscriptionId the cancelled subscription; not null
     * @return reactivated (with the new subscription as stored after its first invoice and charge),
     *     or refused: {@code NOT_CANCELLED}, {@code ALREADY_REACTIVATED} (a subscription linked to it
     *     by reactivations is live)
     * @throws NotFoundException if the subscription is missing or out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or the
     *     subscription's is partner-managed; nothing changes
     * @throws PortException if the new environment could not be provisioned (nothing is stored)
     */
    ReactivateResult reactivate(Actor actor, SubscriptionId subscriptionId);
}
