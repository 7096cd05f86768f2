package org.billingsdk.core.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import javax.money.MonetaryAmount;
import org.billingsdk.core.validation.ValidPrice;

/**
 * What it takes to add a plan to the catalog; validated by the operation, every problem named.
 * See {@link Plan} for the meaning of each field.
 */
public record NewPlan(
        @NotNull @Pattern(regexp = PlanId.PATTERN) String id,
        @NotNull @Pattern(regexp = ProductCode.PATTERN) String productCode,
        @NotNull @ValidPrice MonetaryAmount price,
        @NotNull BillingInterval interval,
        @PositiveOrZero @Max(730) int trialDays,
        @PositiveOrZero @Max(120) int contractMonths) {

    /** A plan with no trial and no contract. */
    public static NewPlan of(String id, String productCode, MonetaryAmount price, BillingInterval interval) {
        return new NewPlan(id, productCode, price, interval, 0, 0);
    }

    public NewPlan withTrialDays(int days) {
        return new NewPlan(id, productCode, price, interval, days, contractMonths);
    }

    public NewPlan withContractMonths(int months) {
        return new NewPlan(id, productCode, price, interval, trialDays, months);
    }
}
