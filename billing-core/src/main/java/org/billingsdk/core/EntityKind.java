package org.billingsdk.core;

import java.util.Locale;

/**
 * What an error is about: the kind of thing that was not found, changed concurrently or whose key
 * is taken. Stable names; new kinds may be added.
 */
public enum EntityKind {
    /** A company. */
    COMPANY,
    /** A product of the catalog. */
    PRODUCT,
    /** A plan of the catalog. */
    PLAN,
    /** A subscription. */
    SUBSCRIPTION,
    /** An invoice. */
    INVOICE,
    /** An invoice's line: one subscription's period. */
    INVOICE_LINE,
    /** An invoice number of a series. */
    INVOICE_NUMBER,
    /** A credit note. */
    CREDIT_NOTE,
    /** A credit-note number of a series. */
    CREDIT_NOTE_NUMBER,
    /** An entry of a company's credit balance. */
    CREDIT_ENTRY,
    /** A refund to the payment method, asked for by a credit note. */
    REFUND,
    /** A payment attempt. */
    PAYMENT,
    /** A payment method. */
    PAYMENT_METHOD,
    /** A payment method's set-up session. */
    PAYMENT_SETUP,
    /** A company's customer at the payment provider. */
    CUSTOMER,
    /** A domain event. */
    EVENT;

    /** {@return the kind as a message names it: {@code payment method}} */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
