package org.billingsdk.stripe;

import java.util.Objects;
import java.util.Optional;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.MandateReference;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.payment.SetupReference;

/**
 * What a verified webhook delivery means for the billing, for the host to route to billing-core.
 * Immutable values.
 *
 * <p>Deliveries repeat and arrive out of order. A {@link PaymentOutcome} or {@link RefundUpdated} recorded twice, or a
 * {@code processing} after the {@code succeeded} of the same payment, must change nothing the
 * second time: billing-core's recording of an outcome keeps a final status once it has one.
 */
public sealed interface WebhookOutcome {

    /**
     * Stripe's event id ({@code evt_...}).
     *
     * @return the id, never {@code null}; give it to {@link StripeWebhooks#forget} when routing
     *     the outcome failed
     */
    EventId eventId();

    /**
     * A charge the SDK made has a new outcome ({@code payment_intent.succeeded},
     * {@code payment_intent.processing}, {@code payment_intent.payment_failed}): record it under
     * the idempotency key, as the billing run's reconciliation would.
     *
     * @param eventId Stripe's event id ({@code evt_...})
     * @param idempotencyKey the attempt's key, as the core derived it from invoice and attempt
     * @param invoiceId the invoice charged
     * @param attempt the attempt number, from 1
     * @param outcome succeeded, pending or declined, with the PaymentIntent's id as reference
     */
    record PaymentOutcome(EventId eventId, IdempotencyKey idempotencyKey, InvoiceId invoiceId, int attempt,
            ChargeOutcome outcome) implements WebhookOutcome {
        /**
         * Checks that every component but the attempt is given.
         *
         * @param eventId not {@code null}
         * @param idempotencyKey not {@code null}
         * @param invoiceId not {@code null}
         * @param attempt not checked
         * @param outcome not {@code null}
         * @throws NullPointerException if a component is {@code null}
         */
        public PaymentOutcome {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(invoiceId, "invoiceId");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * A refund the SDK asked for has ended, or changed ({@code refund.updated}, {@code refund.failed},
     * {@code charge.refund.updated}): record it with
     * {@code billing.payments().recordRefundOutcome(chargeKey(), refundKey(), outcome())}, which finds
     * the refund a credit note asked for by its own key, or else the refund of the whole invoice by
     * the charge's key. A SEPA refund stays pending for days; its end comes this way. Recording a
     * report again, or one that arrives after the refund's end, changes nothing.
     *
     * @param eventId Stripe's event id ({@code evt_...})
     * @param chargeKey the idempotency key of the charge the refund gives back, from the refund's
     *     metadata
     * @param refundKey the refund's own idempotency key, from the refund's metadata
     * @param invoiceId the invoice whose payment is refunded
     * @param outcome succeeded, pending, or declined (failed or canceled, with Stripe's
     *     {@code failure_reason}), with the refund's id ({@code re_...}) as reference
     */
    record RefundUpdated(EventId eventId, IdempotencyKey chargeKey, IdempotencyKey refundKey, InvoiceId invoiceId,
            RefundOutcome outcome) implements WebhookOutcome {
        /**
         * Checks that every component is given.
         *
         * @param eventId not {@code null}
         * @param chargeKey not {@code null}
         * @param refundKey not {@code null}
         * @param invoiceId not {@code null}
         * @param outcome not {@code null}
         * @throws NullPointerException if a component is {@code null}
         */
        public RefundUpdated {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(chargeKey, "chargeKey");
            Objects.requireNonNull(refundKey, "refundKey");
            Objects.requireNonNull(invoiceId, "invoiceId");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * A payment-method set-up the SDK started succeeded ({@code setup_intent.succeeded}): the host
     * may complete it without waiting for the customer's browser to come back. When the browser
     * came back first, {@code completeSetup} answers the method added then, and changes nothing.
     *
     * @param eventId Stripe's event id ({@code evt_...})
     * @param setupReference the SetupIntent ({@code seti_...})
     * @param setupKey the idempotency key the core started the set-up with ({@code setup-<SetupId>})
     * @param customerReference its customer ({@code cus_...}), or {@code null}
     * @param paymentMethodReference the method it set up, or {@code null}; for iDEAL this is the
     *     iDEAL method, and completing the set-up yields the generated SEPA Direct Debit method
     */
    record SetupSucceeded(EventId eventId, SetupReference setupReference, IdempotencyKey setupKey,
            CustomerReference customerReference, PaymentMethodReference paymentMethodReference)
            implements WebhookOutcome {
        /**
         * Checks that the event, the SetupIntent and its key are given.
         *
         * @param eventId not {@code null}
         * @param setupReference not {@code null}
         * @param setupKey not {@code null}
         * @param customerReference may be {@code null}
         * @param paymentMethodReference may be {@code null}
         * @throws NullPointerException if a required component is {@code null}
         */
        public SetupSucceeded {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(setupReference, "setupReference");
            Objects.requireNonNull(setupKey, "setupKey");
        }

        /**
         * The core's set-up this SetupIntent belongs to, for
         * {@code billing.paymentMethods().completeSetup(setupId)}; empty for a SetupIntent the SDK
         * did not start.
         *
         * @return the set-up's id, read from {@code setupKey}; empty unless the key has the form
         *     {@code setup-<SetupId>}
         */
        public Optional<SetupId> setupId() {
            String prefix = "setup-";
            String key = setupKey.value();
            if (!key.startsWith(prefix)) {
                return Optional.empty();
            }
            try {
                return Optional.of(SetupId.of(key.substring(prefix.length())));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * A payment method was detached from its customer ({@code payment_method.detached}), perhaps
     * in Stripe's Dashboard: the host removes it from the company's methods.
     *
     * @param eventId Stripe's event id ({@code evt_...})
     * @param paymentMethodReference the method ({@code pm_...})
     * @param formerCustomerReference the customer it belonged to, or {@code null} if Stripe did not say
     */
    record PaymentMethodDetached(EventId eventId, PaymentMethodReference paymentMethodReference,
            CustomerReference formerCustomerReference) implements WebhookOutcome {
        /**
         * Checks that the event and the method are given.
         *
         * @param eventId not {@code null}
         * @param paymentMethodReference not {@code null}
         * @param formerCustomerReference may be {@code null}
         * @throws NullPointerException if a required component is {@code null}
         */
        public PaymentMethodDetached {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(paymentMethodReference, "paymentMethodReference");
        }
    }

    /**
     * A mandate changed ({@code mandate.updated}); an {@code inactive} one means its SEPA Direct
     * Debit method can no longer be charged.
     *
     * @param eventId Stripe's event id ({@code evt_...})
     * @param mandateReference the mandate ({@code mandate_...})
     * @param paymentMethodReference the method it authorizes, or {@code null}
     * @param status {@code active}, {@code inactive} or {@code pending}
     */
    record MandateUpdated(EventId eventId, MandateReference mandateReference,
            PaymentMethodReference paymentMethodReference, String status) implements WebhookOutcome {
        /**
         * Checks that the event, the mandate and its status are given.
         *
         * @param eventId not {@code null}
         * @param mandateReference not {@code null}
         * @param paymentMethodReference may be {@code null}
         * @param status not {@code null}
         * @throws NullPointerException if a required component is {@code null}
         */
        public MandateUpdated {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(mandateReference, "mandateReference");
            Objects.requireNonNull(status, "status");
        }

        /**
         * Whether the method can no longer be charged under this mandate.
         *
         * @return {@code true} when the status is {@code inactive}; a {@code pending} mandate is
         *     not inactive
         */
        public boolean isInactive() {
            return "inactive".equals(status);
        }
    }

    /**
     * A verified event the billing has nothing to do with: another type, or a PaymentIntent the
     * SDK did not create. Acknowledge it (HTTP 2xx) so that Stripe stops sending it. The handler
     * logs the id of the event's object with the reason (at debug level).
     *
     * @param eventId Stripe's event id ({@code evt_...})
     * @param type the event type, such as {@code customer.updated}
     * @param reason why it is ignored
     */
    record Ignored(EventId eventId, String type, IgnoredReason reason) implements WebhookOutcome {
        /**
         * Checks that every component is given.
         *
         * @param eventId not {@code null}
         * @param type not {@code null}
         * @param reason not {@code null}
         * @throws NullPointerException if a required component is {@code null}
         */
        public Ignored {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * An event this handler has already returned (Stripe delivers at least once): acknowledge it
     * and do nothing.
     *
     * @param eventId Stripe's event id ({@code evt_...})
     * @param type the event type
     */
    record Duplicate(EventId eventId, String type) implements WebhookOutcome {
        /**
         * Checks that both components are given.
         *
         * @param eventId not {@code null}
         * @param type not {@code null}
         * @throws NullPointerException if a required component is {@code null}
         */
        public Duplicate {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(type, "type");
        }
    }

    /** Why a verified event is {@link Ignored}: one of a fixed few, each with a line for people. */
    enum IgnoredReason {
        /** The event's type is none the billing acts on, such as {@code customer.updated}. */
        NOT_ACTED_ON("not an event the billing acts on"),
        /**
         * The event's PaymentIntent, SetupIntent or Refund does not carry the billing's metadata:
         * the SDK did not make it (another integration on the same Stripe account did).
         */
        NOT_MADE_BY_THE_BILLING("its object was not made by the billing"),
        /**
         * The event's PaymentIntent or Refund carries the billing's metadata, but its invoice id,
         * attempt or idempotency key cannot be read.
         */
        UNREADABLE_METADATA("its object has unreadable billing metadata"),
        /**
         * A Refund the adapter made before refunds named their charge: the SDK recorded its
         * payment as refunded when the refund was made.
         */
        REFUND_RECORDED_WHEN_MADE("its refund was made before refunds named their charge; its payment was"
                + " recorded refunded then"),
        /** A Refund in a status the adapter does not know, so there is no outcome to record. */
        UNKNOWN_REFUND_STATUS("its refund is in a status the billing does not know");

        private final String description;

        IgnoredReason(String description) {
            this.description = description;
        }

        /**
         * What the reason means, for logs and people.
         *
         * @return a short English phrase, such as {@code not an event the billing acts on}
         */
        public String description() {
            return description;
        }
    }
}
