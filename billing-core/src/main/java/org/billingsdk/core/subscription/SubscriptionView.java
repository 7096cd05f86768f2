package org.billingsdk.core.subscription;

import java.time.Instant;
import java.util.Optional;
import org.billingsdk.core.catalog.BillingAmount;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.CompanyId;

/**
 * One row of the portal's subscription list: what a parent sees of its own and its child
 * companies' subscriptions; immutable.
 *
 * @param subscriptionId the subscription
 * @param companyId the company that holds it
 * @param companyName that company's name
 * @param product the product's code, name and description
 * @param planId the plan
 * @param billingAmount amount, currency and interval, such as {@code EUR 49.00 / month}
 * @param state its state
 * @param environmentId its product environment
 * @param startedAt when it started
 * @param trialEnd when its trial ends, or {@code null}
 * @param contractEnd when its contract term ends, or {@code null}
 * @param scheduledCancellation when a scheduled cancellation takes effect, or {@code null}
 * @param cancelledAt when it was cancelled, or {@code null}
 * @param erasure whether its data is erased
 */
public record SubscriptionView(
        SubscriptionId subscriptionId,
        CompanyId companyId,
        String companyName,
        Product product,
        PlanId planId,
        BillingAmount billingAmount,
        SubscriptionState state,
        EnvironmentId environmentId,
        Instant startedAt,
        Instant trialEnd,
        Instant contractEnd,
        Instant scheduledCancellation,
        Instant cancelledAt,
        ErasureStatus erasure) {

    /** {@return when its trial ends, or empty without a trial} */
    public Optional<Instant> trialEndDate() {
        return Optional.ofNullable(trialEnd);
    }

    /** {@return when its contract term ends, or empty without a contract} */
    public Optional<Instant> contractEndDate() {
        return Optional.ofNullable(contractEnd);
    }

    /** {@return when a scheduled cancellation takes effect, or empty when none is scheduled} */
    public Optional<Instant> scheduledCancellationDate() {
        return Optional.ofNullable(scheduledCancellation);
    }
}
