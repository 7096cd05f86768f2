package org.billingsdk.core.testing;

import java.time.Duration;
import javax.money.Monetary;
import org.billingsdk.core.Actor;
import org.billingsdk.core.Billing;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.invoice.Seller;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupOutcome;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.subscription.CancellationTiming;
import org.javamoney.moneta.Money;

/**
 * A {@link Billing} on a given storage with a fake environments port, a recording event sink and
 * a clock that tests move, plus a small catalog: monthly, yearly, trial, contract and
 * trial-with-contract plans of one product.
 */
public final class BillingFixture {

    public static final String START = "2026-01-15T10:00:00Z";

    /** A Dutch seller: domestic VAT 21 %. */
    public static final Seller SELLER = Seller.of("ACME Security B.V.",
            Address.of("Herengracht 1", "1015 BA", "Amsterdam", "NL"), VatNumber.of("NL853746333B01"));

    public final MutableClock clock = MutableClock.at(START);
    public final FakeEnvironments environments = new FakeEnvironments();
    public final RecordingEventSink events = new RecordingEventSink();
    public final SimulatedPaymentProvider payments = new SimulatedPaymentProvider();
    public final Storage storage;
    public final Billing billing;

    public Plan monthly;
    public Plan yearly;
    public Plan trial;
    public Plan contract;
    public Plan trialWithContract;

    private BillingFixture(Storage storage, CancellationTiming timing) {
        this.storage = storage;
        this.billing = Billing.builder()
                .storage(storage)
                .environments(environments)
                .payments(payments)
                .seller(SELLER)
                .events(events)
                .clock(clock)
                .cancellationTiming(timing)
                .build();
    }

    /** On a new in-memory storage, cancelling at once by default. */
    public static BillingFixture inMemory() {
        return on(InMemoryStorage.create(), CancellationTiming.IMMEDIATE);
    }

    public static BillingFixture on(Storage storage, CancellationTiming timing) {
        BillingFixture fixture = new BillingFixture(storage, timing);
        fixture.defineCatalog();
        return fixture;
    }

    private void defineCatalog() {
        billing.catalog().addProduct(new NewProduct("edr", "Endpoint Detection & Response",
                "Detects and responds to threats on every endpoint."));
        monthly = billing.catalog().addPlan(NewPlan.of("edr-monthly", "edr", eur("49.00"), BillingInterval.MONTHLY));
        yearly = billing.catalog().addPlan(NewPlan.of("edr-yearly", "edr", eur("490.00"), BillingInterval.YEARLY));
        trial = billing.catalog().addPlan(NewPlan.of("edr-trial", "edr", eur("49.00"), BillingInterval.MONTHLY)
                .withTrialDays(14));
        contract = billing.catalog().addPlan(NewPlan.of("edr-contract", "edr", eur("39.00"), BillingInterval.MONTHLY)
                .withContractMonths(12));
        trialWithContract = billing.catalog().addPlan(
                NewPlan.of("edr-trial-contract", "edr", eur("39.00"), BillingInterval.MONTHLY)
                        .withTrialDays(30).withContractMonths(12));
    }

    public static Money eur(String amount) {
        return Money.of(new java.math.BigDecimal(amount), Monetary.getCurrency("EUR"));
    }

    /** Registers a direct customer in the Netherlands at the root of a new tree, with a card as its default. */
    public Company root(String name) {
        Company company = billing.accounts().register(NewCompany.of(name, slug(name) + "@example.com")
                .withBillingDetails(BillingDetails.builder()
                        .billingAddress(Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL"))
                        .build()));
        addCard(company, company);
        return company;
    }

    /** Registers a child of {@code parent}, acting as the parent, with a card as its default. */
    public Company child(Company parent, String name) {
        Company company = billing.accounts().registerChild(actor(parent), parent.id(),
                NewCompany.of(name, slug(name) + "@example.com"));
        addCard(parent, company);
        return company;
    }

    /** Sets up a card for {@code company} through the simulated provider, acting as {@code actingFor}. */
    public PaymentMethod addCard(Company actingFor, Company company) {
        SetupSession setup = billing.paymentMethods().startSetup(actor(actingFor), company.id(), SetupKind.CARD);
        SetupOutcome outcome = billing.paymentMethods().completeSetup(actor(actingFor), company.id(), setup.id());
        return ((SetupOutcome.Added) outcome).method();
    }

    public static Actor actor(Company company) {
        return Actor.of(company.id(), "admin@" + slug(company.name()) + ".example");
    }

    public void advance(Duration duration) {
        clock.advance(duration);
    }

    private static String slug(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
