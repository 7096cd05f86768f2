package org.billingsdk.core.credit;

import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.Taxed;

/**
 * One line of a credit note: the part of one invoice line it reverses, before tax, and the VAT
 * on that part at the invoice line's own treatment and rate; immutable. Amounts are positive: a
 * credit note's lines say how much is given back.
 *
 * @param invoiceLine the position of the reversed line on the invoice, from 0
 * @param description what is credited, as printed (the invoice line's description)
 * @param amount the net amount credited, above zero
 * @param tax the VAT credited: the invoice line's treatment, country, rate and note, and the
 *     amount the rules give (see {@link Creditable})
 */
public record CreditNoteLine(int invoiceLine, String description, MonetaryAmount amount, TaxLine tax)
        implements Taxed {

    /**
     * Checks the line.
     *
     * @param invoiceLine 0 or more
     * @param description not {@code null}
     * @param amount above zero
     * @param tax not {@code null}; its amount zero or above, in {@code amount}'s currency
     * @throws IllegalArgumentException if a number is out of range or the currencies differ
     * @throws NullPointerException if a component is {@code null}
     */
    public CreditNoteLine {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(tax, "tax");
        if (invoiceLine < 0) {
            throw new IllegalArgumentException("an invoice line's position is 0 or more");
        }
        if (!amount.isPositive() || tax.amount().isNegative()) {
            throw new IllegalArgumentException("a credit note line credits a positive amount and no negative VAT");
        }
        if (!tax.amount().getCurrency().equals(amount.getCurrency())) {
            throw new IllegalArgumentException("a credit note line's amounts are in one currency");
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
