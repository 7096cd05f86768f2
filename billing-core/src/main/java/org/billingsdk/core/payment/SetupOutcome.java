package org.billingsdk.core.payment;

import java.util.Objects;
import org.billingsdk.core.Refusal;

/** How completing a payment-method set-up ended. */
public sealed interface SetupOutcome {

    /** The method was added (as the default when the company had none). */
    record Added(PaymentMethod method) implements SetupOutcome {
        public Added {
            Objects.requireNonNull(method);
        }
    }

    /** The customer has not finished with the provider yet; complete again later. */
    record NotYetComplete(String status) implements SetupOutcome {
    }

    /** The provider refused the set-up; start a new one. */
    record Refused(Refusal reason) implements SetupOutcome {
        public Refused {
            Objects.requireNonNull(reason);
        }
    }
}
