package org.billingsdk.core.catalog;

import jakarta.validation.constraints.Max;
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
 * @param price required: zero or positive, below one billion, with no more decimals than its currency
 * @param interval required
 * @param trialDays 0 (no trial) to 730
 * @param contractMonths 0 (no contract) to 120
 */
public record NewPlan(
        @NotNull @Pattern(regexp = PlanId.PATTERN) String id,
        @NotNull @Pattern(regexp = ProductCode.PATTERN) String productCode,
        @NotNull @ValidPrice MonetaryAmount price,
        @NotNull BillingInterval interval,
        @PositiveOrZero @Max(730) int trialDays,
        @PositiveOrZero @Max(120) int contractMonths) {

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
        return new NewPlan(id, productCode, price, interval, days, contractMonths);
    }

    /**
     * The same input with a contract term.
     *
     * @param months length of the term, 0 to 120
     * @return a copy with the term
     */
    public NewPlan withContractMonths(int months) {
        return new NewPlan(id, productCode, price, interval, trialDays, months);
    }
}
