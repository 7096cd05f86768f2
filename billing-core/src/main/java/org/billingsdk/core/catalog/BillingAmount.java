package org.billingsdk.core.catalog;

import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;

/**
 * What a subscription costs per billing period, as the portal shows it ({@code EUR 49.00 / month});
 * immutable.
 *
 * @param amount the price per period, in the plan's currency
 * @param interval the billing period
 */
public record BillingAmount(MonetaryAmount amount, BillingInterval interval) {

    /**
     * Checks the components.
     *
     * @param amount not null
     * @param interval not null
     */
    public BillingAmount {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(interval, "interval");
    }

    /** For example {@code EUR 49.00 / month}: the amount with (at least) its currency's decimals, never rounded. */
    @Override
    public String toString() {
        return Amounts.format(amount) + " / " + interval.unit();
    }
}
