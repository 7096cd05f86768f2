package org.billingsdk.core.payment;

/** Where one payment attempt stands. */
public enum PaymentStatus {
    /** The money was taken. */
    SUCCEEDED,
    /** Accepted, waiting for settlement; asked again with the same key until final. */
    PENDING,
    /** Refused, with a decline code. */
    DECLINED,
    /** Unknown outcome; reconciled with the same key, never retried under a new one. */
    UNKNOWN,
    /** Paid and then refunded. */
    REFUNDED;

    /**
     * Whether the provider's answer is settled: later reports of the attempt change nothing (a
     * succeeded one may still be refunded by the host).
     *
     * @return {@code true} for {@code SUCCEEDED}, {@code DECLINED} and {@code REFUNDED}
     */
    public boolean isFinal() {
        return this == SUCCEEDED || this == DECLINED || this == REFUNDED;
    }
}
