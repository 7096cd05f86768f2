package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.param.SetupIntentConfirmParams;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Last4;
import org.billingsdk.core.payment.MethodDetails;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.port.PaymentProvider.ChargeRequest;
import org.billingsdk.core.port.PaymentProvider.CustomerProfile;
import org.billingsdk.core.port.PaymentProvider.SetupResult;
import org.billingsdk.core.port.PaymentProvider.SetupStart;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The adapter against Stripe's real API in test mode. Runs only when {@code STRIPE_SECRET_KEY}
 * holds a test-mode secret key ({@code sk_test_...}); skipped otherwise, never failing for the
 * want of one. What a customer's browser does with Stripe.js (confirming a set-up with a card or
 * an IBAN) is done here with stripe-java directly, using Stripe's published test payment methods
 * and test IBAN; nothing of the kind passes through the adapter.
 */
@EnabledIfEnvironmentVariable(named = "STRIPE_SECRET_KEY", matches = "sk_test_.+")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StripeTestModeTest {

    private StripePayments payments;
    private StripeClient browser;
    private final List<CustomerReference> customers = new ArrayList<>();

    @BeforeAll
    void connect() {
        String key = System.getenv("STRIPE_SECRET_KEY");
        payments = StripePayments.builder().apiKey(key).readTimeout(Duration.ofSeconds(60)).build();
        browser = StripeClient.builder().setApiKey(key).build();
    }

    @AfterAll
    void deleteCustomers() throws StripeException {
        for (CustomerReference customer : customers) {
            browser.v1().customers().delete(customer.value());
        }
    }

    private CustomerReference customer() {
        CustomerReference customer = payments.syncCustomer(new CustomerProfile(CompanyId.random(),
                "Billing SDK test mode", EmailAddress.of("test-mode@example.com"),
                Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL"), VatNumber.of("NL853746333B01")),
                Optional.empty());
        customers.add(customer);
        return customer;
    }

    /** Confirms a card set-up as Stripe.js would, with one of Stripe's test payment methods. */
    private SetupResult setUpCard(CustomerReference customer, String testPaymentMethod) throws StripeException {
        SetupStart start = payments.startSetup(customer, SetupKind.CARD,
                IdempotencyKey.of("setup-" + java.util.UUID.randomUUID()));
        browser.v1().setupIntents().confirm(start.setupReference().value(),
                SetupIntentConfirmParams.builder().setPaymentMethod(testPaymentMethod).build());
        return payments.completeSetup(customer, start.setupReference());
    }

    private static ChargeRequest charge(CustomerReference customer, PaymentMethodReference method, String amount) {
        InvoiceId invoice = InvoiceId.random();
        return new ChargeRequest(invoice, 1, IdempotencyKey.forAttempt(invoice, 1), customer, method,
                Money.of(new BigDecimal(amount), Monetary.getCurrency("EUR")), "Billing SDK test-mode charge");
    }

    @Test
    void aCustomerIsKeptInStepWithItsVatNumber() throws StripeException {
        CustomerReference customer = customer();

        CustomerReference same = payments.syncCustomer(new CustomerProfile(CompanyId.random(),
                "Billing SDK test mode, renamed", EmailAddress.of("test-mode@example.com"), null,
                VatNumber.of("DE136695976")),
                Optional.of(customer));

        assertThat(same).isEqualTo(customer);
        assertThat(browser.v1().customers().taxIds().list(customer.value()).getData())
                .extracting(tax -> tax.getType() + " " + tax.getValue()).containsExactly("eu_vat DE136695976");
    }

    @Test
    void aCardIsSetUpChargedOnceUnderItsKeyAndDetached() throws StripeException {
        CustomerReference customer = customer();
        SetupResult result = setUpCard(customer, "pm_card_visa");
        assertThat(result).isInstanceOfSatisfying(SetupResult.Completed.class, completed ->
                assertThat(completed.details()).isInstanceOfSatisfying(MethodDetails.Card.class,
                        card -> assertThat(card.last4()).isEqualTo(Last4.of("4242"))));
        PaymentMethodReference card = ((SetupResult.Completed) result).paymentMethodReference();
        payments.makeDefault(customer, card);
        assertThat(payments.paymentMethods(customer)).singleElement()
                .satisfies(method -> assertThat(method.isDefault()).isTrue());

        ChargeRequest request = charge(customer, card, "12.34");
        ChargeOutcome first = payments.charge(request);
        ChargeOutcome again = payments.charge(request);

        assertThat(first).isInstanceOf(ChargeOutcome.Succeeded.class);
        assertThat(again).isEqualTo(first);
        payments.detach(card);
        payments.detach(card);
        assertThat(payments.paymentMethods(customer)).isEmpty();
    }

    @Test
    void aDeclinedCardIsDeclinedWithItsDeclineCode() throws StripeException {
        CustomerReference customer = customer();
        SetupResult result = setUpCard(customer, "pm_card_visa_chargeDeclinedInsufficientFunds");
        PaymentMethodReference card = ((SetupResult.Completed) result).paymentMethodReference();

        ChargeOutcome outcome = payments.charge(charge(customer, card, "5.00"));

        assertThat(outcome).isInstanceOfSatisfying(ChargeOutcome.Declined.class,
                declined -> assertThat(declined.code()).isEqualTo(DeclineCode.of("insufficient_funds")));
    }

    @Test
    void aSepaDebitIsPendingAfterTheCharge() throws StripeException {
        CustomerReference customer = customer();
        SetupStart start = payments.startSetup(customer, SetupKind.SEPA_DEBIT,
                IdempotencyKey.of("setup-" + java.util.UUID.randomUUID()));
        try {
            browser.v1().setupIntents().confirm(start.setupReference().value(), SetupIntentConfirmParams.builder()
                    .setPaymentMethodData(SetupIntentConfirmParams.PaymentMethodData.builder()
                            .setType(SetupIntentConfirmParams.PaymentMethodData.Type.SEPA_DEBIT)
                            .setSepaDebit(SetupIntentConfirmParams.PaymentMethodData.SepaDebit.builder()
                                    .setIban("DE89370400440532013000").build())
                            .setBillingDetails(SetupIntentConfirmParams.PaymentMethodData.BillingDetails.builder()
                                    .setName("Jenny Rosen").setEmail("test-mode@example.com").build())
                            .build())
                    .setMandateData(SetupIntentConfirmParams.MandateData.builder()
                            .setCustomerAcceptance(SetupIntentConfirmParams.MandateData.CustomerAcceptance.builder()
                                    .setType(SetupIntentConfirmParams.MandateData.CustomerAcceptance.Type.ONLINE)
                                    .setOnline(SetupIntentConfirmParams.MandateData.CustomerAcceptance.Online.builder()
                                            .setIpAddress("127.0.0.1").setUserAgent("billing-sdk-test").build())
                                    .build())
                            .build())
                    .build());
        } catch (InvalidRequestException e) {
            Assumptions.abort("SEPA Direct Debit is not enabled on this Stripe account: " + e.getCode());
        }
        SetupResult result = payments.completeSetup(customer, start.setupReference());
        assertThat(result).isInstanceOfSatisfying(SetupResult.Completed.class, completed ->
                assertThat(completed.details()).isInstanceOfSatisfying(MethodDetails.SepaDebit.class,
                        sepa -> assertThat(sepa.ibanLast4()).isEqualTo(Last4.of("3000"))));

        ChargeOutcome outcome = payments.charge(charge(customer,
                ((SetupResult.Completed) result).paymentMethodReference(), "7.50"));

        assertThat(outcome).isInstanceOfAny(ChargeOutcome.Pending.class, ChargeOutcome.Succeeded.class);
    }
}
