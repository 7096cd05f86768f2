package org.billingsdk.core.invoice;

import java.time.Instant;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.Taxed;

/**
 * One line of an invoice: a quantity of a subscription's plan over a service period, its net
 * amount and the VAT on it; immutable. Each line carries its own tax (treatment, rate, amount
 * rounded once for this line), so that a credit note can reverse it with the same treatment and
 * rate, and the invoice's VAT is the sum of its lines' VAT.
 *
 * @param productCode the product
 * @param description what is billed, as printed (the product's name)
 * @param subscriptionId the subscription
 * @param planId the plan it was priced by
 * @param periodStart the service period's start (inclusive)
 * @param periodEnd the service period's end (exclusive)
 * @param quantity how many units are billed, at least 1
 * @param unitPrice the price of one unit for the whole period, before tax
 * @param amount the line's net amount: {@code unitPrice} times {@code quantity}, exact; a line for
 *     part of a period says how it was prorated where it is made
 * @param tax the VAT on {@code amount}: its treatment, country, rate, amount rounded half-up to the
 *     currency's decimals, and the legal note to print
 */
public record InvoiceLine(
        ProductCode productCode,
        String description,
        SubscriptionId subscriptionId,
        PlanId planId,
        Instant periodStart,
        Instant periodEnd,
        int quantity,
        MonetaryAmount unitPrice,
        MonetaryAmount amount,
        TaxLine tax) implements Taxed {

    /**
     * Checks that every component is given, that the period is not empty, that the quantity is
     * positive and that the amounts share one currency.
     *
     * @param productCode not {@code null}
     * @param description not {@code null}
     * @param subscriptionId not {@code null}
     * @param planId not {@code null}
     * @param periodStart not {@code null}
     * @param periodEnd after {@code periodStart}
     * @param quantity at least 1
     * @param unitPrice not {@code null}
     * @param amount not {@code null}, in {@code unitPrice}'s currency
     * @param tax not {@code null}, its amount in {@code unitPrice}'s currency
     * @throws IllegalArgumentException if the period ends at or before its start, the quantity is
     *     below 1, or the currencies differ
     * @throws NullPointerException if a component is {@code null}
     */
    public InvoiceLine {
        Objects.requireNonNull(productCode, "productCode");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(tax, "tax");
        if (!periodEnd.isAfter(periodStart)) {
            throw new IllegalArgumentException("a service period ends after it starts");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("an invoice line bills a quantity of at least 1");
        }
        if (!amount.getCurrency().equals(unitPrice.getCurrency())
                || !tax.amount().getCurrency().equals(unitPrice.getCurrency())) {
            throw new IllegalArgumentException("an invoice line's amounts are in one currency");
        }
    }

    /**
     * The line's amount with its VAT.
     *
     * @return {@code amount} plus {@code tax.amount()}
     */
    public MonetaryAmount gross() {
        return amount.add(tax.amount());
    }
}
