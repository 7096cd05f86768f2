package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.BillingTerms;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.ForwardingPaymentProvider;
import org.billingsdk.core.testing.MutableClock;
import org.billingsdk.stripe.StripeStub.Drop;
import org.billingsdk.stripe.StripeStub.Hang;
import org.billingsdk.stripe.StripeStub.Malformed;
import org.billingsdk.stripe.StripeStub.Status;
import org.billingsdk.stripe.StripeStub.When;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The billing run with its default charges in flight against the adapter and the stub while
 * charges meet every fault the adapter knows: server errors before and after the charge, time-outs
 * before and after it, dropped connections, a malformed answer, and 429s (some outlasting the
 * adapter's retries). Whatever struck which charge, the run and the reconciliation an hour later
 * leave every invoice paid with exactly one charge at Stripe.
 */
class BillingRunUnderFaultsTest {

    private static final String CREATE = "/v1/payment_intents";
    private static final int COMPANIES = 12;

    StripeStub stub;
    FakeTime time;
    BillingFixture fixture;
    Watching watching;
    List<Company> companies = new ArrayList<>();

    /** Counts the calls in flight at once. */
    static final class Watching extends ForwardingPaymentProvider {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();

        Watching(StripePayments delegate) {
            super(delegate);
        }

        @Override
        public ChargeOutcome charge(ChargeRequest request) {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                return super.charge(request);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    @BeforeEach
    void start() {
        stub = StripeStub.start();
        time = new FakeTime();
        // Waiting 500 ms for an answer: a hung request is a time-out, not a ten-second wait.
        StripePayments payments = TestAdapter.on(stub, time, MutableClock.at(BillingFixture.START))
                .readTimeout(Duration.ofMillis(500)).build();
        watching = new Watching(payments);
        fixture = BillingFixture.builder().payments(simulated -> watching).build();
        for (int c = 0; c < COMPANIES; c++) {
            Company company = fixture.billing.accounts().register(NewCompany.of("Company " + c,
                    "c" + c + "@example.com").withBillingDetails(BillingDetails.builder()
                            .billingAddress(Address.of("Damrak " + (c + 1), "1012 LG", "Amsterdam", "NL"))
                            .build()));
            companies.add(company);
            Actor admin = actor(company);
            SetupSession setup = fixture.billing.paymentMethods().startSetup(admin, company.id(), SetupKind.CARD);
            stub.confirmSetupWithCard(setup.providerReference().value(), "visa", "4242", 12, 2030);
            fixture.billing.paymentMethods().completeSetup(admin, company.id(), setup.id());
            for (int s = 0; s < 2; s++) {
                fixture.billing.subscriptions().subscribe(admin, company.id(), fixture.monthly.id());
            }
        }
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private List<Invoice> invoices() {
        return fixture.storage.invoices().findByCompanies(companies.stream().map(Company::id).toList(), null, 1000);
    }

    @Test
    void withChargesInFlightEveryFaultEndsInExactlyOneChargePerInvoiceOnceReconciled() {
        assertThat(invoices()).hasSize(2 * COMPANIES)
                .allSatisfy(invoice -> assertThat(invoice.state()).isEqualTo(InvoiceState.PAID));
        Instant renewal = invoices().get(0).lines().get(0).periodEnd();
        stub.fail("POST", CREATE, new Status(500, "api_error", null, When.BEFORE), 2)
                .fail("POST", CREATE, new Status(502, "api_error", null, When.AFTER), 2)
                .fail("POST", CREATE, new Hang(When.BEFORE))
                .fail("POST", CREATE, new Hang(When.AFTER))
                .fail("POST", CREATE, new Drop(When.AFTER), 2)
                .fail("POST", CREATE, new Malformed())
                // four in a row outlast the adapter's three retries of a charge: one stays unknown
                .fail("POST", CREATE, new Status(429, "invalid_request_error", "rate_limit", When.BEFORE), 6);
        watching.peak.set(0);
        fixture.clock.set(renewal);

        BillingRunReport first = fixture.billing.run(renewal);

        assertThat(first.invoicesIssued()).isEqualTo(2 * COMPANIES);
        assertThat(watching.peak.get()).as("charges in flight at once").isGreaterThan(1);
        assertThat(stub.faultsStruck()).as("every fault met a charge").hasSize(15);
        assertThat(first.paymentsSucceeded()).as("some charges met a fault").isLessThan(2 * COMPANIES);

        Instant later = renewal.plus(BillingTerms.RECONCILE_UNKNOWN_AFTER).plusSeconds(60);
        fixture.clock.set(later);
        fixture.billing.run(later);

        assertThat(invoices()).hasSize(4 * COMPANIES)
                .allSatisfy(invoice -> assertThat(invoice.state()).isEqualTo(InvoiceState.PAID));
        Map<String, Integer> charges = stub.succeededChargesPerInvoice();
        assertThat(charges).hasSize(4 * COMPANIES).allSatisfy((invoice, count) ->
                assertThat(count).as("charges of invoice %s", invoice).isEqualTo(1));
        invoices().forEach(invoice -> assertThat(stub.capturedFor(invoice.id().toString()))
                .as("captured for %s", invoice.number()).isEqualTo(minorUnits(invoice)));
        assertThat(stub.customersPerCompany()).hasSize(COMPANIES).allSatisfy((company, count) ->
                assertThat(count).isEqualTo(1));
    }

    private static long minorUnits(Invoice invoice) {
        return invoice.total().getNumber().numberValueExact(java.math.BigDecimal.class).movePointRight(2)
                .longValueExact();
    }
}
