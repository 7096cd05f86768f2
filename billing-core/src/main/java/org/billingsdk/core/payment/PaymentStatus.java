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

    /** Whether nothing more will happen to the attempt. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == DECLINED || this == REFUNDED;
    }
}
