package org.billingsdk.core.subscription;

/**
 * The caller's answer to "all data linked to this subscription will be permanently removed":
 * cancelling is refused unless it is {@link #ACKNOWLEDGED}.
 */
public enum DataErasure {
    /** The caller confirmed that all linked data will be permanently removed. */
    ACKNOWLEDGED,
    /** The caller did not confirm; cancelling is refused with {@code ERASURE_NOT_ACKNOWLEDGED}. */
    NOT_ACKNOWLEDGED
}
