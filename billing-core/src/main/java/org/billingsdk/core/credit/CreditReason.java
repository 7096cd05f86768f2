package org.billingsdk.core.credit;

/** Why a credit note was issued, as it prints and as reports group it. */
public enum CreditReason {
    /** The invoice billed something twice. */
    DUPLICATE,
    /** The charge was fraudulent. */
    FRAUDULENT,
    /** What was ordered changed after the invoice was issued. */
    ORDER_CHANGE,
    /** The service did not meet what was promised. */
    PRODUCT_UNSATISFACTORY,
    /** The customer asked for it. */
    REQUESTED_BY_CUSTOMER,
    /** An immediate cancellation credited the unused part of the period. */
    CANCELLATION,
    /** An immediate change of plan or quantity credited the unused time of what was charged. */
    PLAN_CHANGE
}
