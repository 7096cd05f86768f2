package org.billingsdk.core.credit;

/** Where a refund to the payment method stands. */
public enum RefundStatus {
    /**
     * Asked for, and the provider's answer is not known yet (not asked yet, or the answer was
     * lost): the billing run asks again under the same key, which never refunds twice.
     */
    REQUESTED,
    /** The provider has it under way (a SEPA refund takes days); its end is reported later. */
    PENDING,
    /** The money went back. Final. */
    SUCCEEDED,
    /**
     * The provider refused it or it failed at the bank: its amount went to the credit balance
     * instead, once, and is not refundable again. Final.
     */
    FAILED;

    /** {@return whether the refund has ended and never changes again} */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
