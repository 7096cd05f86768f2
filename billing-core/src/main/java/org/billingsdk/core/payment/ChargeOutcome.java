package org.billingsdk.core.payment;

import java.util.Objects;

/**
 * What the payment provider answered to a charge: data, never an exception. An {@link Unknown}
 * outcome is reconciled by asking again with the same idempotency key, never by charging under a
 * new one.
 */
public sealed interface ChargeOutcome {

    /**
     * The money was taken.
     *
     * @param providerReference the provider's id of the charge (such as Stripe's {@code pi_...})
     */
    record Succeeded(ChargeReference providerReference) implements ChargeOutcome {
        /**
         * Checks that the reference is given.
         *
         * @param providerReference not {@code null}
         * @throws NullPointerException if it is {@code null}
         */
        public Succeeded {
            Objects.requireNonNull(providerReference, "providerReference");
        }
    }

    /**
     * Accepted but not settled yet (SEPA Direct Debit settles days later).
     *
     * @param providerReference the provider's id of the charge, to ask about it again
     */
    record Pending(ChargeReference providerReference) implements ChargeOutcome {
        /**
         * Checks that the reference is given.
         *
         * @param providerReference not {@code null}
         * @throws NullPointerException if it is {@code null}
         */
        public Pending {
            Objects.requireNonNull(providerReference, "providerReference");
        }
    }

    /**
     * Refused by the bank or the provider.
     *
     * @param providerReference the provider's id for the attempt, or {@code null}
     * @param code the decline code, such as {@code insufficient_funds}
     * @param message a sentence for people
     */
    record Declined(ChargeReference providerReference, DeclineCode code, String message) implements ChargeOutcome {
        /**
         * Checks that the code and message are given.
         *
         * @param providerReference may be {@code null}
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
     * No answer (a time-out, a network or server error): the charge may or may not have happened.
     *
     * @param detail what went wrong, for logs and the payment's message; no secrets
     */
    record Unknown(String detail) implements ChargeOutcome {
        /**
         * Checks that the detail is given.
         *
         * @param detail not {@code null}
         * @throws NullPointerException if it is {@code null}
         */
        public Unknown {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
