package org.billingsdk.core.payment;

import java.util.Objects;

/**
 * What the payment provider answered to a charge: data, never an exception. An {@link Unknown}
 * outcome is reconciled by asking again with the same idempotency key, never by charging under a
 * new one.
 */
public sealed interface ChargeOutcome {

    /** The money was taken. */
    record Succeeded(String providerReference) implements ChargeOutcome {
        public Succeeded {
            Objects.requireNonNull(providerReference, "providerReference");
        }
    }

    /** Accepted but not settled yet (SEPA Direct Debit settles days later). */
    record Pending(String providerReference) implements ChargeOutcome {
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
    record Declined(String providerReference, String code, String message) implements ChargeOutcome {
        public Declined {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** No answer (a time-out, a network or server error): the charge may or may not have happened. */
    record Unknown(String detail) implements ChargeOutcome {
        public Unknown {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
