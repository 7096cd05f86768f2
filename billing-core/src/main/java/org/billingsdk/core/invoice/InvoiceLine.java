package org.billingsdk.core.invoice;

import java.time.Instant;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * One line of an invoice: a subscription's service period and its price, before tax; immutable.
 *
 * @param productCode the product
 * @param description what is billed, as printed (the product's name)
 * @param subscriptionId the subscription
 * @param planId the plan it was priced by
 * @param periodStart the service period's start (inclusive)
 * @param periodEnd the service period's end (exclusive)
 * @param amount the price before tax
 */
public record InvoiceLine(
        ProductCode productCode,
        String description,
        SubscriptionId subscriptionId,
        PlanId planId,
        Instant periodStart,
        Instant periodEnd,
        MonetaryAmount amount) {

    /**
     * Checks that every component is given and that the period is not empty.
     *
     * @param productCode not {@code null}
     * @param description not {@code null}
     * @param subscriptionId not {@code null}
     * @param planId not {@code null}
     * @param periodStart not {@code null}
     * @param periodEnd after {@code periodStart}
     * @param amount not {@code null}
     * @throws IllegalArgumentException if the period ends at or before its start
     * @throws NullPointerException if a component is {@code null}
     */
    public InvoiceLine {
        Objects.requireNonNull(productCode, "productCode");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(amount, "amount");
        if (!periodEnd.isAfter(periodStart)) {
            throw new IllegalArgumentException("a service period ends after it starts");
        }
    }
}
