package org.billingsdk.core;

/** The stable reasons a business action can be refused for. */
public enum RefusalCode {
    /** Cancelling requires the caller to acknowledge that all linked data will be erased. */
    ERASURE_NOT_ACKNOWLEDGED,
    /** The subscription is already cancelled. */
    ALREADY_CANCELLED,
    /** There is no scheduled cancellation to remove. */
    NOTHING_SCHEDULED,
    /** The scheduled cancellation's date has passed: it can no longer be removed. */
    CANCELLATION_DUE,
    /** Only a cancelled subscription can be reactivated. */
    NOT_CANCELLED,
    /** The cancelled subscription already has a live successor. */
    ALREADY_REACTIVATED,
    /** The company's billing is run by a partner, not through this portal. */
    PARTNER_MANAGED,
    /** The change would make a company its own ancestor. */
    HIERARCHY_CYCLE,
    /** The payment provider refused to set the payment method up. */
    PAYMENT_METHOD_SETUP_FAILED,
    /** A paid invoice cannot be voided. */
    INVOICE_PAID,
    /** The invoice is void or uncollectible already. */
    INVOICE_CLOSED,
    /** Only a paid invoice can be refunded. */
    INVOICE_NOT_PAID,
    /** The payment provider refused the refund. */
    REFUND_REFUSED
}
