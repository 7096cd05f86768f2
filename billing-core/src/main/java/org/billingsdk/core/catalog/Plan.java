package org.billingsdk.core.catalog;

import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * A price for a product: amount and currency per billing interval, an optional trial and an
 * optional contract term; immutable. A plan never changes once defined (subscriptions refer to it);
 * a new price is a new plan.
 *
 * @param id its identifier
 * @param productCode the product it prices
 * @param price per billing period, in the plan's currency
 * @param interval monthly or yearly
 * @param trialDays length of the free trial in days, 0 for none
 * @param contractMonths contract term in months, 0 for none; a contract renews for the same term
 */
public record Plan(
        PlanId id,
        ProductCode productCode,
        MonetaryAmount price,
        BillingInterval interval,
        int trialDays,
        int contractMonths) {

    /**
     * Checks the components; the price is validated by {@link Catalog#addPlan}, not here.
     *
     * @param id not null
     * @param productCode not null
     * @param price not null
     * @param interval not null
     * @param trialDays zero or positive
     * @param contractMonths zero or positive
     * @throws IllegalArgumentException if the trial days or contract months are negative
     */
    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(productCode, "productCode");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(interval, "interval");
        if (trialDays < 0 || contractMonths < 0) {
            throw new IllegalArgumentException("trial days and contract months are zero or positive");
        }
    }

    /** {@return whether a subscription to this plan starts with a free trial} */
    public boolean hasTrial() {
        return trialDays > 0;
    }

    /** {@return whether a subscription to this plan runs under a contract term} */
    public boolean hasContract() {
        return contractMonths > 0;
    }

    /** {@return the price per interval, as the portal shows it} */
    public BillingAmount billingAmount() {
        return new BillingAmount(price, interval);
    }
}
