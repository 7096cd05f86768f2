package org.billingsdk.core.tax;

import javax.money.MonetaryAmount;

/** A line of a document that is taxed on its own: its net amount and the VAT on it, rounded once on the line. */
public interface Taxed {

    /** {@return the line's net amount} */
    MonetaryAmount amount();

    /** {@return the VAT on the line: treatment, country, rate, amount and legal note} */
    TaxLine tax();
}
