package org.billingsdk.core.payment;

/** Where one payment attempt stands: its charge, and then its refund, if any. */
public enum PaymentStatus {
    /** The money was taken. */
    SUCCEEDED,
    /** Accepted, waiting for settlement; asked again with the same key until final. */
    PENDING,
    /** Refused, with a decline code. */
    DECLINED,
    /** Unknown outcome; reconciled with the same key, never retried under a new one. */
    UNKNOWN,
    /** Paid, and a refund of it asked for: the provider has not confirmed it yet (a SEPA refund takes days). */
    REFUND_PENDING,
    /** Paid and then refunded: the provider confirmed the refund. */
    REFUNDED,
    /** Paid, and its refund failed at the provider: the money stays with the seller. */
    REFUND_FAILED;

    /**
     * Whether the charge's outcome is settled: later reports of the charge change nothing (a
     * succeeded one may still be refunded by the host; a refund moves on by its own reports).
     *
     * @return {@code true} for {@code SUCCEEDED}, {@code DECLINED} and the refund statuses
     */
    public boolean isFinal() {
        return this != PENDING && this != UNKNOWN;
    }

    /** {@return whether the money was taken: succeeded, whatever became of a refund of it since} */
    public boolean wasTaken() {
        return this == SUCCEEDED || this == REFUND_PENDING || this == REFUNDED || this == REFUND_FAILED;
    }
}
