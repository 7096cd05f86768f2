package org.billingsdk.core.payment;

import org.billingsdk.core.invoice.InvoiceId;

/**
 * The key under which a call to the payment provider is made, so that asking again never does it
 * twice: the provider answers a repeated call under a key with its first outcome. The SDK derives
 * each key from what the call is for ({@link #forAttempt}, {@link #forRefund},
 * {@link #forSetup}); {@link #of} reads one the provider echoes back. Immutable.
 *
 * @param value the key: 1 to 255 characters, no white space or control character
 */
public record IdempotencyKey(String value) {

    /**
     * Checks the text.
     *
     * @param value the key
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is empty, longer than 255 characters, or has white
     *     space or a control character
     */
    public IdempotencyKey {
        ReferenceText.check(value, "idempotency key");
    }

    /**
     * The key of a payment attempt on an invoice: {@code invoice-<id>-attempt-<n>}.
     *
     * @param invoice the invoice charged; not null
     * @param attempt the attempt's number, 1 for the first
     * @return the key, the same for every call about that attempt
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public static IdempotencyKey forAttempt(InvoiceId invoice, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1");
        }
        return new IdempotencyKey("invoice-" + invoice + "-attempt-" + attempt);
    }

    /**
     * The key of the refund of a payment attempt: {@code refund-<payment id>}.
     *
     * @param payment the payment refunded; not null
     * @return the key, the same for every call about that refund
     */
    public static IdempotencyKey forRefund(PaymentId payment) {
        return new IdempotencyKey("refund-" + payment);
    }

    /**
     * The key of a payment-method set-up: {@code setup-<set-up id>}.
     *
     * @param setup the set-up; not null
     * @return the key, the same for every call about that set-up
     */
    public static IdempotencyKey forSetup(SetupId setup) {
        return new IdempotencyKey("setup-" + setup);
    }

    /**
     * A key as the provider echoes it back (in a webhook's metadata, say).
     *
     * @param value the key's text
     * @return the key
     * @throws IllegalArgumentException as the constructor does
     */
    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
