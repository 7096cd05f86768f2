package org.billingsdk.core.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import javax.money.MonetaryAmount;

/**
 * What it takes to add a plan to the catalog; validated by the operation, every problem named.
 * See {@link Plan} for the meaning of each field.
 *
 * @param id required, unique, matching {@link PlanId#PATTERN}
 * @param productCode required: the code of a product already in the catalog
 * @param price required, per unit: zero or positive, below one billion, with no more decimals than its
 *     currency
 * @param interval required
 * @param trialDays 0 (no trial) to 730
 * @param contractMonths 0 (no contract) to 120
 * @param minQuantity the fewest units a subscription may have: 1 to 1,000,000
 * @param maxQuantity the most: 0 for no maximum, or {@code minQuantity} to 1,000,000
 */
public record NewPlan(
        @NotNull @Pattern(regexp = PlanId.PATTERN) String id,
        @NotNull @Pattern(regexp = ProductCode.PATTERN) String productCode,
        @NotNull @ValidPrice MonetaryAmount price,
        @NotNull BillingInterval interval,
        @PositiveOrZero @Max(730) int trialDays,
        @PositiveOrZero @Max(120) int contractMonths,
        @Min(1) @Max(MAX_QUANTITY) int minQuantity,
        @PositiveOrZero @Max(MAX_QUANTITY) int maxQuantity) {

    /** The largest quantity a plan may allow: {@value}. */
    public static final int MAX_QUANTITY = 1_000_000;

    /**
     * The input as it was before quantities: any quantity from 1 up.
     *
     * @param id the plan's id
     * @param productCode the product it prices
     * @param price per unit and billing period
     * @param interval the billing period
     * @param trialDays the trial's length
     * @param contractMonths the contract term
     */
    public NewPlan(String id, String productCode, MonetaryAmount price, BillingInterval interval, int trialDays,
            int contractMonths) {
        this(id, productCode, price, interval, trialDays, contractMonths, 1, 0);
    }

    /**
     * A plan with no trial and no contract.
     *
     * @param id the plan's id
     * @param productCode the product it prices
     * @param price per billing period
     * @param interval the billing period
     * @return the input, not validated yet
     */
    public static NewPlan of(String id, String productCode, MonetaryAmount price, BillingInterval interval) {
        return new NewPlan(id, productCode, price, interval, 0, 0);
    }

    /**
     * The same input with a free trial.
     *
     * @param days length of the trial, 0 to 730
     * @return a copy with the trial
     */
    public NewPlan withTrialDays(int days) {
        return new NewPlan(id, productCode, price, interval, days, contractMonths, minQuantity, maxQuantity);
    }

    /**
     * The same input with a contract term.
     *
     * @param months length of the term, 0 to 120
     * @return a copy with the term
     */
    public NewPlan withContractMonths(int months) {
        return new NewPlan(id, productCode, price, interval, trialDays, months, minQuantity, maxQuantity);
    }

    /**
     * The same input with bounds on the quantity a subscription may have.
     *
     * @param min the fewest units, 1 to 1,000,000
     * @param max the most units, {@code min} to 1,000,000, or 0 for no maximum
     * @return a copy with the bounds
     */
    public NewPlan withQuantities(int min, int max) {
        return new NewPlan(id, productCode, price, interval, trialDays, contractMonths, min, max);
    }
}
