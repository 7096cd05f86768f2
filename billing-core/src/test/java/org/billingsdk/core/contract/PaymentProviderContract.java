package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.UUID;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.port.PaymentProvider.ChargeRequest;
import org.billingsdk.core.port.PaymentProvider.CustomerProfile;
import org.billingsdk.core.port.PaymentProvider.RefundRequest;
import org.billingsdk.core.port.PaymentProvider.SetupResult;
import org.billingsdk.core.port.PaymentProvider.SetupStart;
import org.billingsdk.core.port.PaymentProvider;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link PaymentProvider}, the port where a wrong implementation costs money:
 * the same idempotency key gives the same outcome and one charge, a lost answer is reconciled
 * under the same key, refunds are idempotent and never give back more than was taken, detaching
 * twice is harmless, and completing a set-up twice answers the same payment method. Run it on an
 * implementation with:
 *
 * <pre>{@code
 * class MyProviderContractTest extends PaymentProviderContract {
 *     protected PaymentProvider provider() { return new MyProvider(testAccount()); }
 *     protected void completeAtTheProvider(PaymentProvider provider, SetupStart setup) {
 *         // what the browser does with setup.clientSecret().value(): the provider's test card, say
 *     }
 * }
 * }</pre>
 *
 * <p>A provider answers outcomes as data: a decline, a pending debit or an unknown outcome is a
 * {@link ChargeOutcome}, a refund's as a {@link RefundOutcome}, never an exception. Each test uses a new customer, so
 * a shared test
 * account works too.
 */
public abstract class PaymentProviderContract {

    /** The provider under test: new for each test. */
    protected PaymentProvider provider;

    /** A provider to test; called once before each test. */
    protected abstract PaymentProvider provider();

    /**
     * Does at the provider what the customer's browser does with a set-up's client secret (or
     * redirect), so that completing it succeeds: nothing for a provider that needs nothing.
     *
     * @param provider the provider under test
     * @param setup the set-up {@link PaymentProvider#startSetup} started for a card
     */
    protected abstract void completeAtTheProvider(PaymentProvider provider, SetupStart setup);

    /**
     * Has the provider make its next charge but lose the answer (a time-out after the charge went
     * through), where the implementation under test can be made to.
     *
     * @param provider the provider under test
     * @return true if the next charge's answer will be lost; false (the default) skips the test
     *     that needs it
     */
    protected boolean loseTheAnswerToTheNextCharge(PaymentProvider provider) {
        return false;
    }

    /** Releases the provider after its test; does nothing unless overridden. */
    protected void release(PaymentProvider provider) {
    }

    /** The amount charged; EUR 49.00 unless overridden. */
    protected MonetaryAmount amount() {
        return Money.of(49, "EUR");
    }

    @BeforeEach
    public void createProvider() {
        provider = provider();
    }

    @AfterEach
    public void releaseProvider() {
        release(provider);
    }

    @Test
    public void syncingAKnownCustomerAgainKeepsItsReference() {
        CustomerProfile profile = aProfile();

        CustomerReference created = provider.syncCustomer(profile, Optional.empty());
        CustomerReference synced = provider.syncCustomer(profile, Optional.of(created));

        assertThat(synced).isEqualTo(created);
    }

    @Test
    public void completingASetUpTwiceAnswersTheSamePaymentMethod() {
        CustomerReference customer = provider.syncCustomer(aProfile(), Optional.empty());
        SetupStart setup = provider.startSetup(customer, SetupKind.CARD,
                IdempotencyKey.of("setup-" + UUID.randomUUID()));
        completeAtTheProvider(provider, setup);

        SetupResult first = provider.completeSetup(customer, setup.setupReference());
        SetupResult again = provider.completeSetup(customer, setup.setupReference());

        assertThat(first).isInstanceOf(SetupResult.Completed.class);
        assertThat(again).isInstanceOfSatisfying(SetupResult.Completed.class, completed -> assertThat(
                completed.paymentMethodReference()).isEqualTo(((SetupResult.Completed) first).paymentMethodReference()));
    }

    @Test
    public void chargingAgainUnderTheSameKeyAnswersTheSameChargeAndAnotherKeyAnother() {
        Customer customer = aChargeableCustomer();
        ChargeRequest request = aCharge(customer, 1);

        ChargeOutcome first = provider.charge(request);
        ChargeOutcome again = provider.charge(request);
        ChargeOutcome next = provider.charge(aCharge(customer, 2));

        assertThat(first).isInstanceOf(ChargeOutcome.Succeeded.class);
        assertThat(again).isEqualTo(first);
        assertThat(next).isInstanceOfSatisfying(ChargeOutcome.Succeeded.class, succeeded -> assertThat(
                succeeded.providerReference()).isNotEqualTo(((ChargeOutcome.Succeeded) first).providerReference()));
    }

    @Test
    public void aChargeWhoseAnswerWasLostIsReconciledUnderItsKeyAsTheOneChargeMade() {
        Customer customer = aChargeableCustomer();
        assumeTrue(loseTheAnswerToTheNextCharge(provider), "the provider cannot be made to lose an answer");
        ChargeRequest request = aCharge(customer, 1);

        ChargeOutcome lost;
        try {
            lost = provider.charge(request);
        } catch (RuntimeException e) {
            lost = new ChargeOutcome.Unknown(e.toString());
        }
        ChargeOutcome reconciled = provider.charge(request);
        ChargeOutcome again = provider.charge(request);

        assertThat(lost).isInstanceOf(ChargeOutcome.Unknown.class);
        assertThat(reconciled).isInstanceOf(ChargeOutcome.Succeeded.class);
        assertThat(again).isEqualTo(reconciled);
    }

    @Test
    public void aRefundAskedAgainUnderItsKeyIsTheSameRefundAndRefundsNeverExceedTheCharge() {
        Customer customer = aChargeableCustomer();
        ChargeRequest charge = aCharge(customer, 1);
        ChargeReference taken = ((ChargeOutcome.Succeeded) provider.charge(charge)).providerReference();
        MonetaryAmount part = amount().divide(5);
        RefundRequest first = new RefundRequest(charge.invoiceId(), taken, charge.idempotencyKey(), part,
                aRefundKey());

        RefundOutcome refunded = provider.refund(first);
        RefundOutcome again = provider.refund(first);
        RefundOutcome rest = provider.refund(new RefundRequest(charge.invoiceId(), taken, charge.idempotencyKey(),
                amount().subtract(part), aRefundKey()));
        RefundOutcome beyond = provider.refund(new RefundRequest(charge.invoiceId(), taken, charge.idempotencyKey(),
                Money.of(1, amount().getCurrency()), aRefundKey()));

        assertThat(accepted(refunded)).as("the first refund's reference").isNotNull();
        assertThat(again).isEqualTo(refunded);
        assertThat(accepted(rest)).as("the second refund's reference").isNotNull()
                .isNotEqualTo(accepted(refunded));
        assertThat(beyond).as("a refund of more than is left").isInstanceOf(RefundOutcome.Declined.class);
    }

    @Test
    public void aRefundOfMoreThanWasTakenIsDeclined() {
        Customer customer = aChargeableCustomer();
        ChargeRequest charge = aCharge(customer, 1);
        ChargeReference taken = ((ChargeOutcome.Succeeded) provider.charge(charge)).providerReference();

        RefundOutcome tooMuch = provider.refund(new RefundRequest(charge.invoiceId(), taken, charge.idempotencyKey(),
                amount().add(Money.of(1, amount().getCurrency())), aRefundKey()));

        assertThat(tooMuch).isInstanceOf(RefundOutcome.Declined.class);
    }

    @Test
    public void detachingAPaymentMethodTwiceIsHarmless() {
        Customer customer = aChargeableCustomer();

        provider.detach(customer.paymentMethod());

        assertThatCode(() -> provider.detach(customer.paymentMethod())).doesNotThrowAnyException();
    }

    /** A customer at the provider and a card of its, set up through the provider. */
    protected record Customer(CustomerReference reference, PaymentMethodReference paymentMethod) {
    }

    /** A new customer with a card set up through {@link #completeAtTheProvider}. */
    protected Customer aChargeableCustomer() {
        CustomerReference customer = provider.syncCustomer(aProfile(), Optional.empty());
        SetupStart setup = provider.startSetup(customer, SetupKind.CARD,
                IdempotencyKey.of("setup-" + UUID.randomUUID()));
        completeAtTheProvider(provider, setup);
        SetupResult result = provider.completeSetup(customer, setup.setupReference());
        assertThat(result).as("the card's set-up").isInstanceOf(SetupResult.Completed.class);
        PaymentMethodReference method = ((SetupResult.Completed) result).paymentMethodReference();
        provider.makeDefault(customer, method);
        return new Customer(customer, method);
    }

    /** The charge of attempt {@code attempt} of a new invoice, keyed as the SDK keys it. */
    protected ChargeRequest aCharge(Customer customer, int attempt) {
        InvoiceId invoice = InvoiceId.random();
        return new ChargeRequest(invoice, attempt, IdempotencyKey.forAttempt(invoice, attempt), customer.reference(),
                customer.paymentMethod(), amount(), "Invoice TEST-" + attempt);
    }

    /**
     * The reference of a refund the provider accepted: done, or under way (as a SEPA refund is
     * until the bank confirms it); {@code null} for any other outcome.
     */
    private static RefundReference accepted(RefundOutcome outcome) {
        if (outcome instanceof RefundOutcome.Succeeded succeeded) {
            return succeeded.reference();
        }
        if (outcome instanceof RefundOutcome.Pending pending) {
            return pending.reference();
        }
        return null;
    }

    private static IdempotencyKey aRefundKey() {
        return IdempotencyKey.of("refund-" + UUID.randomUUID());
    }

    private static CustomerProfile aProfile() {
        return new CustomerProfile(CompanyId.random(), "Contract Test B.V.",
                EmailAddress.of("billing@contract-test.example"),
                Address.of("Keizersgracht 1", "1015 CC", "Amsterdam", "NL"), null);
    }
}
