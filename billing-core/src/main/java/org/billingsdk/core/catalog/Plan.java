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
 * @param price per unit (seat, endpoint) and billing period, in the plan's currency: a subscription
 *     of one unit pays it, one of three units three times it
 * @param interval monthly or yearly
 * @param trialDays length of the free trial in days, 0 for none
 * @param contractMonths contract term in months, 0 for none; a contract renews for the same term
 * @param minQuantity the fewest units a subscription may have, 1 or more
 * @param maxQuantity the most units a subscription may have, at least {@code minQuantity}, or 0 for
 *     no maximum
 */
public record Plan(
        PlanId id,
        ProductCode productCode,
        MonetaryAmount price,
        BillingInterval interval,
        int trialDays,
        int contractMonths,
        int minQuantity,
        int maxQuantity) {

    /**
     * A plan of any quantity from 1 up, as plans were before quantities.
     *
     * @param id not null
     * @param productCode not null
     * @param price not null
     * @param interval not null
     * @param trialDays zero or positive
     * @param contractMonths zero or positive
     * @throws IllegalArgumentException if the trial days or contract months are negative
     */
    public Plan(PlanId id, ProductCode productCode, MonetaryAmount price, BillingInterval interval, int trialDays,
            int contractMonths) {
        this(id, productCode, price, interval, trialDays, contractMonths, 1, 0);
    }

    /**
     * Checks the components; the price is validated by {@link Catalog#addPlan}, not here.
     *
     * @param id not null
     * @param productCode not null
     * @param price not null
     * @param interval not null
     * @param trialDays zero or positive
     * @param contractMonths zero or positive
     * @param minQuantity 1 or more
     * @param maxQuantity 0, or at least {@code minQuantity}
     * @throws IllegalArgumentException if the trial days or contract months are negative, or the
     *     quantities out of range
     */
    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(productCode, "productCode");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(interval, "interval");
        if (trialDays < 0 || contractMonths < 0) {
            throw new IllegalArgumentException("trial days and contract months are zero or positive");
        }
        if (minQuantity < 1 || maxQuantity != 0 && maxQuantity < minQuantity) {
            throw new IllegalArgumentException("a plan's quantities run from 1 or more to no maximum (0) or at "
                    + "least the minimum, not " + minQuantity + " to " + maxQuantity);
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

    /**
     * Whether a subscription may have {@code quantity} units of this plan.
     *
     * @param quantity the units asked for
     * @return whether it lies within the minimum and the maximum
     */
    public boolean allows(int quantity) {
        return quantity >= minQuantity && (maxQuantity == 0 || quantity <= maxQuantity);
    }

    /** {@return the quantities allowed, as a sentence says them: {@code 1 or more units}, {@code 5 to 50 units}} */
    public String quantities() {
        return maxQuantity == 0 ? minQuantity + " or more units" : minQuantity + " to " + maxQuantity + " units";
    }

    /**
     * What one period of {@code quantity} units costs before tax: the price times the quantity, exact.
     *
     * @param quantity the units
     * @return the amount, in the plan's currency
     */
    public MonetaryAmount priceOf(int quantity) {
        return price.multiply(quantity);
    }

    /** {@return the price per interval, as the portal shows it} */
    public BillingAmount billingAmount() {
        return new BillingAmount(price, interval);
    }
}
