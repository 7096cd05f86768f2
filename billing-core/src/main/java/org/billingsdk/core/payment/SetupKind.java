package org.billingsdk.core.payment;

/** What kind of payment method a set-up makes. */
public enum SetupKind {
    /** A credit or debit card. */
    CARD,
    /** A SEPA Direct Debit mandate given directly with an IBAN. */
    SEPA_DEBIT,
    /** A SEPA Direct Debit mandate set up by paying through iDEAL once (Dutch banks). */
    SEPA_VIA_IDEAL
}
