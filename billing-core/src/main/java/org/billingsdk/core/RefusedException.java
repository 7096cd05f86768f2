package org.billingsdk.core;

import java.util.Objects;

/**
 * Thrown by operations that return no result type of their own when the business rules refuse
 * them (operations with a result type, such as cancelling, answer a refusal as a value instead).
 */
public final class RefusedException extends BillingException {

    /** Why the action was refused. */
    private final Refusal refusal;

    /**
     * For an action the business rules refuse.
     *
     * @param refusal why; not null
     */
    public RefusedException(Refusal refusal) {
        super(ErrorCode.REFUSED, refusal.message());
        this.refusal = Objects.requireNonNull(refusal);
    }

    /** {@return why the action was refused: a code to branch on and a sentence to show} */
    public Refusal refusal() {
        return refusal;
    }
}
