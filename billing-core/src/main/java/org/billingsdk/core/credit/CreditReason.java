package org.billingsdk.core.credit;

/** Why a credit note was issued, as it prints and as reports group it. */
public enum CreditReason {
    /** The invoice billed something twice. */
    DUPLICATE("billed twice"),
    /** The charge was fraudulent. */
    FRAUDULENT("fraudulent charge"),
    /** What was ordered changed after the invoice was issued. */
    ORDER_CHANGE("order changed"),
    /** The service did not meet what was promised. */
    PRODUCT_UNSATISFACTORY("service not as agreed"),
    /** The customer asked for it. */
    REQUESTED_BY_CUSTOMER("at the customer's request"),
    /** An immediate cancellation credited the unused part of the period. */
    CANCELLATION("unused part of a cancelled subscription"),
    /** An immediate change of plan or quantity credited the unused time of what was charged. */
    PLAN_CHANGE("unused time of a changed plan or quantity"),
    /**
     * The buyer's VAT number was confirmed after the invoice charged VAT on it: the lines that
     * charged it are credited whole and invoiced again, reverse-charged
     * ({@link org.billingsdk.core.tax.UnverifiedVatPolicy#CHARGE_VAT_UNTIL_VERIFIED}).
     */
    VAT_CORRECTION("VAT charged before the VAT number was confirmed");

    private final String text;

    CreditReason(String text) {
        this.text = text;
    }

    /** {@return the reason as a credit note prints it, in English, such as "billed twice"} */
    public String text() {
        return text;
    }
}
