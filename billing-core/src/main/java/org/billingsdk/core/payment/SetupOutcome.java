package org.billingsdk.core.payment;

import java.util.Objects;
import org.billingsdk.core.Refusal;

/** How completing a payment-method set-up ended. */
public sealed interface SetupOutcome {

    /**
     * The method was added (as the default when the company had none).
     *
     * @param method the stored method; the one added before when the set-up was completed already
     */
    record Added(PaymentMethod method) implements SetupOutcome {
        /**
         * Checks that the method is given.
         *
         * @param method not {@code null}
         * @throws NullPointerException if it is {@code null}
         */
        public Added {
            Objects.requireNonNull(method);
        }
    }

    /**
     * The customer has not finished with the provider yet; complete again later.
     *
     * @param status the provider's status of the set-up, such as Stripe's
     *     {@code requires_payment_method}
     */
    record NotYetComplete(String status) implements SetupOutcome {
    }

    /**
     * The provider refused the set-up; start a new one.
     *
     * @param reason the refusal, code {@code PAYMENT_METHOD_SETUP_FAILED}, with the provider's
     *     reason in its message
     */
    record Refused(Refusal reason) implements SetupOutcome {
        /**
         * Checks that the reason is given.
         *
         * @param reason not {@code null}
         * @throws NullPointerException if it is {@code null}
         */
        public Refused {
            Objects.requireNonNull(reason);
        }
    }
}
