package org.billingsdk.core;

/** Which companies a listing covers. */
public enum Scope {
    /** The named company only. */
    COMPANY_ONLY,
    /** The named company and all its descendants, at any depth. */
    WITH_DESCENDANTS
}
