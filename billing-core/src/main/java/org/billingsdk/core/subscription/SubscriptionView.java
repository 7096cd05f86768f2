package org.billingsdk.core.subscription;

import java.time.Instant;
import java.util.Objects;
import org.billingsdk.core.catalog.BillingAmount;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.Payer;

/**
 * One row of the portal's subscription list: what a parent sees of its own and its child
 * companies' subscriptions; immutable. A date the subscription does not have (no trial, no
 * contract, nothing scheduled, not cancelled) is {@code null}.
 *
 * @param subscriptionId the subscription
 * @param companyId the company that holds it
 * @param companyName that company's name
 * @param product the product's code, name and description
 * @param planId the plan
 * @param quantity its units (seats, endpoints)
 * @param billingAmount what it costs per interval: the plan's price per unit times the quantity,
 *     such as {@code EUR 147.00 / month} for three units of EUR 49.00
 * @param state its state
 * @param environmentId its product environment
 * @param startedAt when it started
 * @param trialEnd when its trial ends, or {@code null}
 * @param contractEnd when its contract term ends, or {@code null}
 * @param scheduledCancellation when a scheduled cancellation takes effect, or {@code null}
 * @param scheduledChange the change of plan or quantity waiting for its date (revocable until
 *     then), or {@code null}
 * @param scheduledBillingAmount what it will cost per interval once the scheduled change takes
 *     effect, or {@code null} when none is scheduled
 * @param cancelledAt when it was cancelled, or {@code null}
 * @param erasure whether its data is erased
 */
public record SubscriptionView(
        SubscriptionId subscriptionId,
        CompanyId companyId,
        String companyName,
        Product product,
        PlanId planId,
        int quantity,
        BillingAmount billingAmount,
        SubscriptionState state,
        EnvironmentId environmentId,
        Instant startedAt,
        Instant trialEnd,
        Instant contractEnd,
        Instant scheduledCancellation,
        ScheduledChange scheduledChange,
        BillingAmount scheduledBillingAmount,
        Instant cancelledAt,
        ErasureStatus erasure,
        Payer billedTo) {

    /**
     * Checks that the components every row has are there; the dates a subscription may lack are
     * {@code null} when it lacks them.
     *
     * @param subscriptionId not null
     * @param companyId not null
     * @param companyName not null
     * @param product not null
     * @param planId not null
     * @param quantity not checked
     * @param billingAmount not null
     * @param state not null
     * @param environmentId not null
     * @param startedAt not null
     * @param trialEnd {@code null} without a trial
     * @param contractEnd {@code null} without a contract
     * @param scheduledCancellation {@code null} unless a cancellation is scheduled and not yet in effect
     * @param scheduledChange {@code null} unless a change is scheduled
     * @param scheduledBillingAmount {@code null} exactly when {@code scheduledChange} is
     * @param cancelledAt {@code null} while not cancelled
     * @param erasure not null
     * @param billedTo who its invoices are made out to: the company itself, or the ancestor that
     *     pays for it ("billed to Acme Holding"); not null
     */
    public SubscriptionView {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(companyName, "companyName");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(billingAmount, "billingAmount");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(erasure, "erasure");
        Objects.requireNonNull(billedTo, "billedTo");
        if ((scheduledChange == null) != (scheduledBillingAmount == null)) {
            throw new IllegalArgumentException("a scheduled change comes with its billing amount");
        }
    }
}
