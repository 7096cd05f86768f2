package org.billingsdk.core.catalog;

/** How often a plan is invoiced, in calendar months (UTC). */
public enum BillingInterval {
    MONTHLY(1, "month"),
    YEARLY(12, "year");

    private final int months;
    private final String unit;

    BillingInterval(int months, String unit) {
        this.months = months;
        this.unit = unit;
    }

    /** The length of one billing period in calendar months. */
    public int months() {
        return months;
    }

    /** The word for one period: {@code month} or {@code year}. */
    public String unit() {
        return unit;
    }
}
