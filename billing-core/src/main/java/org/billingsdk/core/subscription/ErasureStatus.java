package org.billingsdk.core.subscription;

/** Where the erasure of a cancelled subscription's data stands. */
public enum ErasureStatus {
    /** The subscription is not cancelled: nothing to erase. */
    NOT_REQUESTED,
    /** Cancelled; the environments port has not confirmed the erasure yet (it is retried). */
    PENDING,
    /** The environments port confirmed that the environment and all its data are gone. */
    CONFIRMED
}
