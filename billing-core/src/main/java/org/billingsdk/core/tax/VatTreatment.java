package org.billingsdk.core.tax;

/** How VAT applies to a sale, decided from the seller's and the buyer's countries and VAT numbers. */
public enum VatTreatment {
    /** The buyer is in the seller's country: the domestic rate. */
    DOMESTIC,
    /** The buyer is in another EU member state without a VAT number: that state's rate. */
    DESTINATION_RATE,
    /** The buyer is a business in another EU member state with a valid VAT number: 0 %, the buyer accounts for VAT. */
    REVERSE_CHARGE,
    /** The buyer is outside the EU: no EU VAT. */
    OUTSIDE_EU
}
