package org.billingsdk.core.port;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.ClientSecret;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.MethodDetails;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupReference;

/**
 * The payment provider (Stripe, or a simulated one in tests): keeps customers and their payment
 * methods, and charges invoices. Card numbers, CVCs and IBANs go from the customer's browser to
 * the provider and never through the SDK. Implementations must be thread-safe.
 *
 * <p>Charges are idempotent: the provider never charges twice under one idempotency key, and
 * asking again with the same key answers the first charge's outcome. Outcomes are data; a
 * provider throws only for programming errors.
 *
 * <p>The SDK calls the provider outside any storage transaction. What the other operations throw
 * reaches the host wrapped in a {@link org.billingsdk.core.PortException} naming the operation
 * (such as {@code payments.startSetup}), with the provider's exception as its cause; keep secrets
 * out of its message.
 */
public interface PaymentProvider {

    /**
     * Creates the company's customer at the provider, or brings an existing one in step with the
     * profile (name, email, address, VAT number). The SDK calls it when a company first needs a
     * customer (its first set-up or charge) and, once it has one, after each change of its email
     * or billing details; it stores the answer whenever it differs from {@code existing}.
     *
     * @param profile what the provider should know of the company
     * @param existing the provider's customer from an earlier call, or empty to create the customer
     * @return the provider's customer: {@code existing}, or a new one when the customer was created
     *     (a provider may also create one when it no longer has the existing one)
     */
    CustomerReference syncCustomer(CustomerProfile profile, Optional<CustomerReference> existing);

    /**
     * Starts setting up a payment method for later off-session charges; the customer finishes it
     * in the browser.
     *
     * @param customer the customer at the provider, from {@link #syncCustomer}
     * @param kind the kind of method to set up
     * @param idempotencyKey unique to this set-up ({@link IdempotencyKey#forSetup}); a repeated request
     *     with it must not start a second set-up
     * @return the started set-up, with what the browser needs to finish it
     */
    SetupStart startSetup(CustomerReference customer, SetupKind kind, IdempotencyKey idempotencyKey);

    /**
     * The outcome of a set-up the customer has finished (or not yet). May be asked more than once
     * for one set-up (the portal and a webhook may both complete it); answer the same method
     * each time.
     *
     * @param customer the customer the set-up was started for
     * @param setup the provider's id of the set-up, from {@link SetupStart#setupReference()}
     * @return the method once ready, {@link SetupResult.Incomplete} while the customer is not done,
     *     {@link SetupResult.Failed} when it cannot succeed any more
     */
    SetupResult completeSetup(CustomerReference customer, SetupReference setup);

    /**
     * Detaches a payment method from its customer; detaching a detached one is harmless. When it
     * throws, the SDK keeps the method.
     *
     * @param paymentMethod the provider's id of the method
     */
    void detach(PaymentMethodReference paymentMethod);

    /**
     * Tells the provider which method is the customer's default; nothing by default. Called after
     * the SDK stored the change, so a throw leaves the two disagreeing until the default changes
     * again; the host is told by a {@link org.billingsdk.core.PortException}.
     *
     * @param customer the customer at the provider
     * @param paymentMethod the provider's id of the new default method
     */
    default void makeDefault(CustomerReference customer, PaymentMethodReference paymentMethod) {
    }

    /**
     * How many charges a second the provider allows this client, so that the billing run paces its
     * charges below it; 0 (the default) declares none. With several nodes, each declares its share
     * (see the README's "Running the billing run").
     *
     * @return charges a second, above zero, or 0 for no declared limit
     */
    default double chargesPerSecond() {
        return 0;
    }

    /**
     * Charges an invoice off-session (the customer is not present). Never throws for a decline or a
     * time-out. To reconcile an attempt that is {@code Pending} or {@code Unknown}, the SDK asks
     * again with the same idempotency key, attempt, method and amount; the answer is then the
     * first charge's current outcome, and nothing is charged a second time. A throw is taken as
     * {@code Unknown}.
     *
     * @param request the charge, with the idempotency key of its attempt
     * @return {@code Succeeded} once the money is taken, {@code Pending} while it settles,
     *     {@code Declined} with the decline code, {@code Unknown} when the answer was lost
     */
    ChargeOutcome charge(ChargeRequest request);

    /**
     * Gives money of a succeeded charge back, all of it or a part. Idempotent like a charge: asking
     * again with the same key never refunds twice and answers the first refund's outcome. The
     * refunds of a charge never add up to more than it took: a refund of more than is left is
     * {@code Declined}. {@code Succeeded} means the refund was made, {@code Pending} that it is under
     * way, {@code Declined} that the provider refused it, {@code Unknown} that the answer was lost.
     * {@code PaymentProviderContract} in billing-core's test jar checks these rules.
     *
     * @param request the refund of one charge: its amount, at most what the charge has left
     * @return the refund's outcome, with the refund's id once the provider made one
     */
    RefundOutcome refund(RefundRequest request);

    /**
     * The customer as the provider should know it.
     *
     * @param companyId the company the customer stands for
     * @param name the company's name
     * @param email where billing communications go: the billing email, or the main email when
     *     none is set
     * @param billingAddress the billing address, or {@code null} when the company has no billing
     *     details
     * @param vatNumber the VAT number, or {@code null}
     */
    record CustomerProfile(CompanyId companyId, String name, EmailAddress email, Address billingAddress,
            VatNumber vatNumber) {
        /**
         * Checks that the company, its name and its email are given.
         *
         * @param companyId not {@code null}
         * @param name not {@code null}
         * @param email not {@code null}
         * @param billingAddress may be {@code null}
         * @param vatNumber may be {@code null}
         * @throws NullPointerException if a required component is {@code null}
         */
        public CustomerProfile {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
        }
    }

    /**
     * A started set-up.
     *
     * @param setupReference the provider's id for it
     * @param clientSecret what the browser needs to finish it; kept out of {@link #toString()}
     * @param redirectUrl where to send the customer, or {@code null}
     */
    record SetupStart(SetupReference setupReference, ClientSecret clientSecret, URI redirectUrl) {
        /**
         * Checks that the set-up's id and client secret are given.
         *
         * @param setupReference not {@code null}
         * @param clientSecret not {@code null}
         * @param redirectUrl may be {@code null}
         * @throws NullPointerException if {@code setupReference} or {@code clientSecret} is {@code null}
         */
        public SetupStart {
            Objects.requireNonNull(setupReference, "setupReference");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }

        @Override
        public String toString() {
            return "SetupStart[setupReference=" + setupReference + ", clientSecret=***, redirectUrl=" + redirectUrl + "]";
        }
    }

    /** How a set-up ended, as {@link #completeSetup} answers it. */
    sealed interface SetupResult {

        /**
         * The method is ready for off-session charges.
         *
         * @param paymentMethodReference the provider's id of the method (such as Stripe's
         *     {@code pm_...}); for a method set up through iDEAL, the SEPA Direct Debit method it
         *     generated
         * @param details what the portal may show of it: never a full card number or IBAN
         */
        record Completed(PaymentMethodReference paymentMethodReference, MethodDetails details) implements SetupResult {
            /**
             * Checks that both components are given.
             *
             * @param paymentMethodReference not {@code null}
             * @param details not {@code null}
             * @throws NullPointerException if either is {@code null}
             */
            public Completed {
                Objects.requireNonNull(paymentMethodReference, "paymentMethodReference");
                Objects.requireNonNull(details, "details");
            }
        }

        /**
         * The customer has not finished yet; the set-up may still succeed.
         *
         * @param status the provider's status of the set-up (such as Stripe's
         *     {@code requires_payment_method}), handed on to the host
         */
        record Incomplete(String status) implements SetupResult {
        }

        /**
         * The set-up failed (card refused, mandate not given, ...) and cannot succeed any more.
         *
         * @param reason why, for people: the SDK shows it to the user in its refusal, so it must not
         *     hold secrets
         */
        record Failed(String reason) implements SetupResult {
        }
    }

    /**
     * A refund of a succeeded charge, of all it took or a part.
     *
     * <p>A provider that reports a refund's end later (a SEPA refund, days after) keeps
     * {@code chargeKey} with the refund and echoes it back, so that the host can hand the report to
     * {@code Billing.payments().recordRefundOutcome}; the Stripe adapter keeps it in the refund's
     * metadata.
     *
     * @param invoiceId the invoice the charge paid
     * @param paymentReference the provider's id of the charge (such as Stripe's {@code pi_...})
     * @param chargeKey the idempotency key the refunded charge was made under
     * @param amount what to give back, in the charge's currency: at most what the charge has left
     * @param idempotencyKey the same on every retry of this refund ({@link IdempotencyKey#forRefund})
     */
    record RefundRequest(InvoiceId invoiceId, ChargeReference paymentReference, IdempotencyKey chargeKey,
            MonetaryAmount amount, IdempotencyKey idempotencyKey) {
        /**
         * Checks that every component is given.
         *
         * @param invoiceId not {@code null}
         * @param paymentReference not {@code null}
         * @param chargeKey not {@code null}
         * @param amount not {@code null}
         * @param idempotencyKey not {@code null}
         * @throws NullPointerException if a component is {@code null}
         */
        public RefundRequest {
            Objects.requireNonNull(invoiceId, "invoiceId");
            Objects.requireNonNull(paymentReference, "paymentReference");
            Objects.requireNonNull(chargeKey, "chargeKey");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        }
    }

    /**
     * A charge of one invoice's attempt.
     *
     * @param invoiceId the invoice charged
     * @param attempt 1 for the first attempt, 2 for the first retry, ...
     * @param idempotencyKey the same on every retry of this attempt
     *     ({@code invoice-<invoice id>-attempt-<attempt>})
     * @param customerReference the customer's id at the provider
     * @param paymentMethodReference the provider's id of the method to charge: the company's
     *     default when the attempt started
     * @param amount the invoice's total, tax included; a provider converts it to its own units
     *     exactly, never rounding
     * @param description printed on the customer's statement where the provider supports it
     *     ({@code Invoice <number>})
     */
    record ChargeRequest(InvoiceId invoiceId, int attempt, IdempotencyKey idempotencyKey,
            CustomerReference customerReference, PaymentMethodReference paymentMethodReference, MonetaryAmount amount,
            String description) {
        /**
         * Checks that every component is given.
         *
         * @param invoiceId not {@code null}
         * @param attempt not checked here; the SDK counts attempts from 1
         * @param idempotencyKey not {@code null}
         * @param customerReference not {@code null}
         * @param paymentMethodReference not {@code null}
         * @param amount not {@code null}
         * @param description not {@code null}
         * @throws NullPointerException if a component is {@code null}
         */
        public ChargeRequest {
            Objects.requireNonNull(invoiceId, "invoiceId");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(customerReference, "customerReference");
            Objects.requireNonNull(paymentMethodReference, "paymentMethodReference");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(description, "description");
        }
    }
}
