package org.billingsdk.core.payment;

import java.util.Objects;

/**
 * What the payment provider answered to a refund, or reports of one later: data, never an
 * exception. An {@link Unknown} outcome is asked about again under the same idempotency key.
 */
public sealed interface RefundOutcome {

    /**
     * The money was given back.
     *
     * @param reference the provider's id of the refund
     */
    record Succeeded(RefundReference reference) implements RefundOutcome {
        /**
         * Checks that the reference is given.
         *
         * @param reference not {@code null}
         */
        public Succeeded {
            Objects.requireNonNull(reference, "reference");
        }
    }

    /**
     * The refund is under way (a SEPA refund settles days later): the provider reports its end.
     *
     * @param reference the provider's id of the refund
     */
    record Pending(RefundReference reference) implements RefundOutcome {
        /**
         * Checks that the reference is given.
         *
         * @param reference not {@code null}
         */
        public Pending {
            Objects.requireNonNull(reference, "reference");
        }
    }

    /**
     * The provider refused the refund when asked (more than is left of the charge, say), or reports
     * a refund under way as failed.
     *
     * @param reference the provider's id of the refund, or {@code null} when it made none
     * @param code the provider's reason code, such as {@code amount_too_large}
     * @param message the provider's explanation, for people
     */
    record Declined(RefundReference reference, DeclineCode code, String message) implements RefundOutcome {
        /**
         * Checks that the reason is given.
         *
         * @param reference may be {@code null}
         * @param code not {@code null}
         * @param message not {@code null}
         * @throws NullPointerException if {@code code} or {@code message} is {@code null}
         */
        public Declined {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The answer was lost (a time-out, a server error): ask again under the same key.
     *
     * @param detail what happened, for the logs
     */
    record Unknown(String detail) implements RefundOutcome {
        /**
         * Checks that the detail is given.
         *
         * @param detail not {@code null}
         */
        public Unknown {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
