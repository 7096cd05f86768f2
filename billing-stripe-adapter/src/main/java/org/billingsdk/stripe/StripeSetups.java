package org.billingsdk.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Mandate;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupAttempt;
import com.stripe.model.SetupIntent;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerPaymentMethodListParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.SetupIntentRetrieveParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.billingsdk.core.payment.ClientSecret;
import org.billingsdk.core.payment.Last4;
import org.billingsdk.core.payment.MandateReference;
import org.billingsdk.core.payment.MethodDetails;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupReference;
import org.billingsdk.core.port.PaymentProvider.SetupResult;
import org.billingsdk.core.port.PaymentProvider.SetupStart;

/**
 * Sets up cards and SEPA Direct Debit (directly or through iDEAL) with SetupIntents for
 * off-session use, and lists, detaches and chooses a customer's payment methods. Thread-safe.
 */
final class StripeSetups {

    /** The core's key of the set-up ({@code setup-<SetupId>}), so that webhooks can map it back. */
    static final String SETUP_KEY_METADATA = "billing_setup_key";

    private final StripeClient client;
    private final StripeCalls calls;

    StripeSetups(StripeClient client, StripeCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    SetupStart start(String customer, SetupKind kind, String idempotencyKey)
            throws StripeException, InterruptedException {
        SetupIntentCreateParams params = SetupIntentCreateParams.builder()
                .setCustomer(customer)
                .addPaymentMethodType(stripeType(kind))
                .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                .putMetadata(SETUP_KEY_METADATA, idempotencyKey)
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        SetupIntent intent = calls.write("setupIntents.create", () -> client.v1().setupIntents().create(params, options));
        // iDEAL's redirect is made by Stripe.js when the front end confirms with its own return URL.
        return new SetupStart(SetupReference.of(intent.getId()), ClientSecret.of(intent.getClientSecret()), null);
    }

    static String stripeType(SetupKind kind) {
        switch (kind) {
            case CARD:
                return "card";
            case SEPA_DEBIT:
                return "sepa_debit";
            case SEPA_VIA_IDEAL:
                return "ideal";
            default:
                throw new IllegalArgumentException("unknown set-up kind " + kind);
        }
    }

    SetupResult complete(String customer, String setupReference) throws StripeException, InterruptedException {
        SetupIntentRetrieveParams params = SetupIntentRetrieveParams.builder()
                .addExpand("payment_method")
                .addExpand("latest_attempt")
                .build();
        SetupIntent intent;
        try {
            intent = calls.read("setupIntents.retrieve",
                    () -> client.v1().setupIntents().retrieve(setupReference, params, (RequestOptions) null));
        } catch (InvalidRequestException e) {
            if ("resource_missing".equals(e.getCode())) {
                return new SetupResult.Failed("Stripe has no set-up " + setupReference);
            }
            throw e;
        }
        if (intent.getCustomer() != null && !intent.getCustomer().equals(customer)) {
            return new SetupResult.Failed("the set-up belongs to another customer");
        }
        String status = String.valueOf(intent.getStatus());
        switch (status) {
            case "succeeded":
                return completed(intent);
            case "canceled":
                return new SetupResult.Failed("the set-up was canceled");
            case "requires_payment_method":
                StripeError error = intent.getLastSetupError();
                if (error != null) {
                    String reason = error.getMessage() != null ? error.getMessage()
                            : error.getDeclineCode() != null ? error.getDeclineCode() : String.valueOf(error.getCode());
                    return new SetupResult.Failed(Secrets.redact(reason));
                }
                return new SetupResult.Incomplete(status);
            default:
                return new SetupResult.Incomplete(status);
        }
    }

    private SetupResult completed(SetupIntent intent) throws StripeException, InterruptedException {
        PaymentMethod method = intent.getPaymentMethodObject();
        if (method == null) {
            return new SetupResult.Failed("the set-up succeeded without a payment method");
        }
        switch (String.valueOf(method.getType())) {
            case "card":
                PaymentMethod.Card card = method.getCard();
                return new SetupResult.Completed(PaymentMethodReference.of(method.getId()),
                        new MethodDetails.Card(card.getBrand(), Last4.of(card.getLast4()),
                                card.getExpMonth().intValue(), card.getExpYear().intValue()));
            case "sepa_debit":
                PaymentMethod.SepaDebit sepa = method.getSepaDebit();
                return new SetupResult.Completed(PaymentMethodReference.of(method.getId()),
                        new MethodDetails.SepaDebit(bankOf(sepa), Last4.of(sepa.getLast4()),
                                mandateReference(intent.getMandate()), false));
            case "ideal":
                return viaIdeal(intent);
            default:
                return new SetupResult.Failed("payment methods of type " + method.getType() + " are not supported");
        }
    }

    /** The reusable SEPA Direct Debit method an iDEAL set-up generated, and its mandate. */
    private SetupResult viaIdeal(SetupIntent intent) throws StripeException, InterruptedException {
        SetupAttempt attempt = intent.getLatestAttemptObject();
        SetupAttempt.PaymentMethodDetails.Ideal ideal = attempt == null || attempt.getPaymentMethodDetails() == null
                ? null : attempt.getPaymentMethodDetails().getIdeal();
        if (ideal == null || ideal.getGeneratedSepaDebit() == null || ideal.getGeneratedSepaDebitMandate() == null) {
            return new SetupResult.Failed("the iDEAL payment generated no reusable SEPA Direct Debit method");
        }
        String generated = ideal.getGeneratedSepaDebit();
        String last4 = ideal.getIbanLast4();
        String bank = ideal.getBank() == null ? null : ideal.getBank().replace('_', ' ').toUpperCase(Locale.ROOT);
        if (last4 == null || bank == null) {
            PaymentMethod sepa = calls.read("paymentMethods.retrieve",
                    () -> client.v1().paymentMethods().retrieve(generated));
            last4 = last4 != null ? last4 : sepa.getSepaDebit().getLast4();
            bank = bank != null ? bank : bankOf(sepa.getSepaDebit());
        }
        return new SetupResult.Completed(PaymentMethodReference.of(generated),
                new MethodDetails.SepaDebit(bank, Last4.of(last4),
                        mandateReference(ideal.getGeneratedSepaDebitMandate()), true));
    }

    /**
     * The reference printed on the customer's bank statement, or the mandate's id when Stripe gives
     * none (or one that is no valid {@link MandateReference}).
     */
    private MandateReference mandateReference(String mandateId) throws StripeException, InterruptedException {
        if (mandateId == null) {
            throw StripeAdapterException.unexpected("setupIntents.complete",
                    "the SEPA Direct Debit set-up succeeded without a mandate");
        }
        Mandate mandate = calls.read("mandates.retrieve", () -> client.v1().mandates().retrieve(mandateId));
        if (mandate.getPaymentMethodDetails() != null && mandate.getPaymentMethodDetails().getSepaDebit() != null
                && mandate.getPaymentMethodDetails().getSepaDebit().getReference() != null) {
            try {
                return MandateReference.of(mandate.getPaymentMethodDetails().getSepaDebit().getReference());
            } catch (IllegalArgumentException e) {
                // blank or with white space: the mandate's id names it as well
            }
        }
        return MandateReference.of(mandate.getId());
    }

    /** Stripe's last four characters of a card or IBAN; {@code null} when it gave none of that form. */
    private static Last4 lastFour(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Last4.of(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String bankOf(PaymentMethod.SepaDebit sepa) {
        if (sepa.getBankCode() != null && !sepa.getBankCode().isBlank()) {
            return sepa.getBankCode();
        }
        return sepa.getCountry() == null ? "SEPA" : sepa.getCountry() + " bank";
    }

    /** Detaches a method; one already detached, or unknown to Stripe, is left as it is. */
    void detach(String paymentMethod) throws StripeException, InterruptedException {
        try {
            calls.write("paymentMethods.detach", () -> client.v1().paymentMethods().detach(paymentMethod));
        } catch (InvalidRequestException e) {
            if ("resource_missing".equals(e.getCode())) {
                return;
            }
            PaymentMethod current = calls.read("paymentMethods.retrieve",
                    () -> client.v1().paymentMethods().retrieve(paymentMethod));
            if (current.getCustomer() != null) {
                throw e;
            }
        }
    }

    void makeDefault(String customer, String paymentMethod) throws StripeException, InterruptedException {
        CustomerUpdateParams params = CustomerUpdateParams.builder()
                .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                        .setDefaultPaymentMethod(paymentMethod).build())
                .build();
        calls.write("customers.update", () -> client.v1().customers().update(customer, params));
    }

    List<StripePayments.AttachedMethod> list(String customer) throws StripeException, InterruptedException {
        Customer found = calls.read("customers.retrieve", () -> client.v1().customers().retrieve(customer));
        String defaultMethod = found.getInvoiceSettings() == null ? null
                : found.getInvoiceSettings().getDefaultPaymentMethod();
        List<StripePayments.AttachedMethod> methods = new ArrayList<>();
        String after = null;
        while (true) {
            CustomerPaymentMethodListParams.Builder params = CustomerPaymentMethodListParams.builder().setLimit(100L);
            if (after != null) {
                params.setStartingAfter(after);
            }
            CustomerPaymentMethodListParams built = params.build();
            StripeCollection<PaymentMethod> page = calls.read("customers.paymentMethods.list",
                    () -> client.v1().customers().paymentMethods().list(customer, built));
            for (PaymentMethod method : page.getData()) {
                String last4 = method.getCard() != null ? method.getCard().getLast4()
                        : method.getSepaDebit() != null ? method.getSepaDebit().getLast4() : null;
                methods.add(new StripePayments.AttachedMethod(PaymentMethodReference.of(method.getId()),
                        method.getType(), lastFour(last4),
                        method.getId().equals(defaultMethod)));
            }
            if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
                return List.copyOf(methods);
            }
            after = page.getData().get(page.getData().size() - 1).getId();
        }
    }
}
