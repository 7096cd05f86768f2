package org.billingsdk.core.catalog;

/** How often a plan is invoiced, in calendar months (UTC). */
public enum BillingInterval {
    /** Invoiced every calendar month. */
    MONTHLY(1, "month"),
    /** Invoiced every twelve calendar months. */
    YEARLY(12, "year");

    private final int months;
    private final String unit;

    BillingInterval(int months, String unit) {
        this.months = months;
        this.unit = unit;
    }

    /** {@return the length of one billing period in calendar months: 1 or 12} */
    public int months() {
        return months;
    }

    /** {@return the word for one period: {@code month} or {@code year}} */
    public String unit() {
        return unit;
    }
}
