package org.billingsdk.core.port;

/** What the environments port answers to a request to erase an environment. */
public enum ErasureOutcome {
    /** The environment and all its data are gone for good. */
    ERASED,
    /** Not done yet; ask again later. */
    IN_PROGRESS
}
