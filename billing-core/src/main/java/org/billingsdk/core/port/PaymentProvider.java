package org.billingsdk.core.port;

import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.MethodDetails;
import org.billingsdk.core.payment.SetupKind;

/**
 * The payment provider (Stripe, or a simulated one in tests): keeps customers and their payment
 * methods, and charges invoices. Card numbers, CVCs and IBANs go from the customer's browser to
 * the provider and never through the SDK. Implementations must be thread-safe.
 *
 * <p>Charges are idempotent: the provider never charges twice under one idempotency key, and
 * asking again with the same key answers the first charge's outcome. Outcomes are data; a
 * provider throws only for programming errors.
 */
public interface PaymentProvider {

    /**
     * Creates the company's customer at the provider, or brings an existing one in step with the
     * profile (name, email, address, VAT number).
     *
     * @param existingReference the provider's customer id from an earlier call, or {@code null}
     * @return the provider's customer id
     */
    String syncCustomer(CustomerProfile profile, String existingReference);

    /** Starts setting up a payment method; the customer finishes it in the browser. */
    SetupStart startSetup(String customerReference, SetupKind kind, String idempotencyKey);

    /** The outcome of a set-up the customer has finished (or not yet). */
    SetupResult completeSetup(String customerReference, String setupReference);

    /** Detaches a payment method from its customer; detaching a detached one is harmless. */
    void detach(String paymentMethodReference);

    /** Tells the provider which method is the customer's default; nothing by default. */
    default void makeDefault(String customerReference, String paymentMethodReference) {
    }

    /** Charges an invoice off-session (the customer is not present). Never throws for a decline or a time-out. */
    ChargeOutcome charge(ChargeRequest request);

    /**
     * Gives the money of a succeeded charge back. Idempotent like a charge: asking again with the
     * same key never refunds twice and answers the first refund's outcome. {@code Succeeded} means
     * the refund was made, {@code Pending} that it is under way, {@code Declined} that the provider
     * refused it, {@code Unknown} that the answer was lost.
     */
    ChargeOutcome refund(RefundRequest request);

    /** The customer as the provider should know it. */
    record CustomerProfile(CompanyId companyId, String name, String email, Address billingAddress, String vatNumber) {
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
    record SetupStart(String setupReference, String clientSecret, String redirectUrl) {
        public SetupStart {
            Objects.requireNonNull(setupReference, "setupReference");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }

        @Override
        public String toString() {
            return "SetupStart[setupReference=" + setupReference + ", clientSecret=***, redirectUrl=" + redirectUrl + "]";
        }
    }

    /** How a set-up ended. */
    sealed interface SetupResult {

        /** The method is ready. */
        record Completed(String paymentMethodReference, MethodDetails details) implements SetupResult {
            public Completed {
                Objects.requireNonNull(paymentMethodReference, "paymentMethodReference");
                Objects.requireNonNull(details, "details");
            }
        }

        /** The customer has not finished yet. */
        record Incomplete(String status) implements SetupResult {
        }

        /** The set-up failed (card refused, mandate not given, ...). */
        record Failed(String reason) implements SetupResult {
        }
    }

    /**
     * A refund of a succeeded charge, in full.
     *
     * @param paymentReference the provider's id of the charge (such as Stripe's {@code pi_...})
     * @param idempotencyKey the same on every retry of this refund
     */
    record RefundRequest(InvoiceId invoiceId, String paymentReference, MonetaryAmount amount,
            String idempotencyKey) {
        public RefundRequest {
            Objects.requireNonNull(invoiceId, "invoiceId");
            Objects.requireNonNull(paymentReference, "paymentReference");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        }
    }

    /**
     * A charge of one invoice's attempt.
     *
     * @param idempotencyKey the same on every retry of this attempt
     * @param description printed on the customer's statement where the provider supports it
     */
    record ChargeRequest(InvoiceId invoiceId, int attempt, String idempotencyKey, String customerReference,
            String paymentMethodReference, MonetaryAmount amount, String description) {
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
