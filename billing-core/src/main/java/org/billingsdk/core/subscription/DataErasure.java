package org.billingsdk.core.subscription;

/**
 * The caller's answer to "all data linked to this subscription will be permanently removed":
 * cancelling is refused unless it is {@link #ACKNOWLEDGED}.
 */
public enum DataErasure {
    ACKNOWLEDGED,
    NOT_ACKNOWLEDGED
}
