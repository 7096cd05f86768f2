package org.billingsdk.core;

import java.util.Objects;

/**
 * Thrown by operations that return no result type of their own when the business rules refuse
 * them (operations with a result type, such as cancelling, answer a refusal as a value instead).
 */
public final class RefusedException extends BillingException {

    private final Refusal refusal;

    public RefusedException(Refusal refusal) {
        super("REFUSED_" + refusal.code().name(), refusal.message());
        this.refusal = Objects.requireNonNull(refusal);
    }

    public Refusal refusal() {
        return refusal;
    }
}
