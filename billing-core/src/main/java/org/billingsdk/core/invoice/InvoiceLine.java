package org.billingsdk.core.invoice;

import java.time.Instant;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
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
 * @param kind what the line bills: a billing period, or the unused or remaining time of one after
 *     a change of plan or quantity
 * @param companyId the company whose subscription it bills, which may be another than the
 *     invoice's when a parent pays ({@code Company.payer()}); {@code null} on a line made without
 *     one, which is for the invoice's company
 * @param companyName that company's name when the line was made, as the invoice prints it;
 *     {@code null} exactly when {@code companyId} is
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
        TaxLine tax,
        Kind kind,
        CompanyId companyId,
        String companyName) implements Taxed {

    /** What an invoice line bills. */
    public enum Kind {
        /**
         * A billing period of the subscription, from its start: at most one such line per
         * subscription and period start, on any invoice.
         */
        PERIOD,
        /**
         * The credit, at its original VAT treatment and rate, for the part of a line charged
         * earlier that a change left unused: its amount and VAT are below zero.
         */
        UNUSED_TIME,
        /** The charge for the rest of the period, from a change of plan or quantity, at the new amount. */
        REMAINING_TIME,
        /**
         * A line of an earlier invoice charged again, for the same time and net amount, with the VAT
         * the buyer's VAT number, confirmed since, decides: the earlier line was credited by a
         * credit note of reason {@code VAT_CORRECTION}. Later changes in the period credit this one.
         */
        VAT_CORRECTION
    }

    /**
     * A line for a billing period ({@link Kind#PERIOD}), as lines were before changes of plan were prorated.
     *
     * @param productCode not {@code null}
     * @param description not {@code null}
     * @param subscriptionId not {@code null}
     * @param planId not {@code null}
     * @param periodStart not {@code null}
     * @param periodEnd after {@code periodStart}
     * @param quantity at least 1
     * @param unitPrice not {@code null}
     * @param amount zero or more, in {@code unitPrice}'s currency
     * @param tax not {@code null}
     */
    public InvoiceLine(ProductCode productCode, String description, SubscriptionId subscriptionId, PlanId planId,
            Instant periodStart, Instant periodEnd, int quantity, MonetaryAmount unitPrice, MonetaryAmount amount,
            TaxLine tax) {
        this(productCode, description, subscriptionId, planId, periodStart, periodEnd, quantity, unitPrice, amount, tax,
                Kind.PERIOD);
    }

    /**
     * A line without the company it is for, which is then the invoice's company, as lines were
     * before parents paid for their children.
     *
     * @param productCode not {@code null}
     * @param description not {@code null}
     * @param subscriptionId not {@code null}
     * @param planId not {@code null}
     * @param periodStart not {@code null}
     * @param periodEnd after {@code periodStart}
     * @param quantity at least 1
     * @param unitPrice not {@code null}
     * @param amount in {@code unitPrice}'s currency
     * @param tax not {@code null}
     * @param kind not {@code null}
     */
    public InvoiceLine(ProductCode productCode, String description, SubscriptionId subscriptionId, PlanId planId,
            Instant periodStart, Instant periodEnd, int quantity, MonetaryAmount unitPrice, MonetaryAmount amount,
            TaxLine tax, Kind kind) {
        this(productCode, description, subscriptionId, planId, periodStart, periodEnd, quantity, unitPrice, amount, tax,
                kind, null, null);
    }

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
     * @param kind not {@code null}; an {@code UNUSED_TIME} line's amount and VAT are below zero,
     *     every other line's zero or more
     * @param companyId the company it is for, or {@code null} for the invoice's
     * @param companyName its name; given exactly when {@code companyId} is
     * @throws IllegalArgumentException if the period ends at or before its start, the quantity is
     *     below 1, the currencies differ, the amounts' signs do not fit the kind, or only one of
     *     the company's id and name is given
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
        Objects.requireNonNull(kind, "kind");
        if (!periodEnd.isAfter(periodStart)) {
            throw new IllegalArgumentException("a service period ends after it starts");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("an invoice line bills a quantity of at least 1");
        }
        if ((companyId == null) != (companyName == null)) {
            throw new IllegalArgumentException("a line's company has an id and a name, or neither");
        }
        if (!amount.getCurrency().equals(unitPrice.getCurrency())
                || !tax.amount().getCurrency().equals(unitPrice.getCurrency())) {
            throw new IllegalArgumentException("an invoice line's amounts are in one currency");
        }
        if (kind == Kind.UNUSED_TIME ? !amount.isNegative() || tax.amount().isPositive()
                : amount.isNegative() || tax.amount().isNegative()) {
            throw new IllegalArgumentException(kind == Kind.UNUSED_TIME
                    ? "a line crediting unused time is below zero, its VAT zero or below"
                    : "a line charging a period is zero or more, its VAT too");
        }
    }

    /**
     * The same line for another company: the one whose subscription it bills.
     *
     * @param company its id; not null
     * @param name its name, as the invoice prints it; not null
     * @return the line for that company
     */
    public InvoiceLine forCompany(CompanyId company, String name) {
        return new InvoiceLine(productCode, description, subscriptionId, planId, periodStart, periodEnd, quantity,
                unitPrice, amount, tax, kind, Objects.requireNonNull(company, "company"),
                Objects.requireNonNull(name, "name"));
    }

    /** {@return whether it credits unused time: its amount is below zero, and nothing of it can be credited again} */
    public boolean isCredit() {
        return kind == Kind.UNUSED_TIME;
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
