package org.billingsdk.core.company;

/** Who runs a company's billing. */
public enum BillingMode {
    /** A direct customer: billed by the platform and managed through the portal. */
    DIRECT,
    /** Billed by a partner: the portal refuses to manage it, with {@code PARTNER_MANAGED}. */
    PARTNER_MANAGED
}
