package org.billingsdk.core.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.money.Monetary;
import org.billingsdk.core.Billing;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.credit.CancellationCredit;
import org.billingsdk.core.invoice.DocumentFormat;
import org.billingsdk.core.invoice.Seller;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.payment.BillingTerms;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupOutcome;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.port.EventSink;
import org.billingsdk.core.port.InvoiceRenderer;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.port.VatNumberVerifier;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.subscription.CancellationTiming;
import org.billingsdk.core.tax.UnverifiedVatPolicy;
import org.billingsdk.core.tax.VatRates;
import org.javamoney.moneta.Money;

/**
 * A {@link Billing} on a given storage with a fake environments port, a recording event sink and
 * a clock that tests move, plus a small catalog: monthly, yearly, trial, contract and
 * trial-with-contract plans of one product.
 *
 * <p>{@link #inMemory()} and {@link #on(Storage, CancellationTiming)} cover most tests; a
 * {@link #builder()} also sets other billing terms, VAT rates, ports that wrap the fixture's fakes
 * (to make them fail on purpose) or no catalog, so that a test needing any of these still gets its
 * storage from one place and runs unchanged on another storage.
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
    /** The environments port the billing talks to: {@link #environments} or a wrapper of it. */
    public final ProductEnvironments environmentsPort;
    /** The payment provider the billing talks to: {@link #payments} or a wrapper of it. */
    public final PaymentProvider paymentsPort;
    public final Billing billing;

    public Plan monthly;
    public Plan yearly;
    public Plan trial;
    public Plan contract;
    public Plan trialWithContract;

    private BillingFixture(Builder builder) {
        this.storage = builder.storage;
        this.environmentsPort = Objects.requireNonNull(builder.environments.apply(environments), "environments");
        this.paymentsPort = Objects.requireNonNull(builder.payments.apply(payments), "payments");
        Billing.Builder billing = Billing.builder()
                .storage(storage)
                .environments(environmentsPort)
                .payments(paymentsPort)
                .seller(SELLER)
                .events(Objects.requireNonNull(builder.sink.apply(events), "events"))
                .clock(clock)
                .cancellationTiming(builder.timing)
                .cancellationCredit(builder.cancellationCredit)
                .terms(builder.terms)
                .billingRunWorkers(builder.billingRunWorkers)
                .chargesInFlight(builder.chargesInFlight)
                .chargeTimeout(builder.chargeTimeout);
        if (builder.vatRates != null) {
            billing.vatRates(builder.vatRates);
        }
        if (builder.renderer != null) {
            billing.invoiceRenderer(builder.renderer);
        }
        builder.renderers.forEach(billing::renderer);
        if (builder.verifier != null) {
            billing.vatNumberVerifier(builder.verifier).unverifiedVatPolicy(builder.unverifiedVat);
        }
        this.billing = billing.build();
    }

    /** On a new in-memory storage, cancelling at once by default. */
    public static BillingFixture inMemory() {
        return on(InMemoryStorage.create(), CancellationTiming.IMMEDIATE);
    }

    /** On the given (empty) storage, cancelling at once by default. */
    public static BillingFixture on(Storage storage) {
        return on(storage, CancellationTiming.IMMEDIATE);
    }

    public static BillingFixture on(Storage storage, CancellationTiming timing) {
        return builder().storage(storage).cancellationTiming(timing).build();
    }

    /**
     * A fixture to configure: on a new in-memory storage, cancelling at once, on the default
     * billing terms and VAT rates, with the fakes as ports and the catalog, unless told otherwise.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link BillingFixture}; {@link #build()} makes the billing and defines the catalog. */
    public static final class Builder {
        private Storage storage;
        private CancellationTiming timing = CancellationTiming.IMMEDIATE;
        private CancellationCredit cancellationCredit = CancellationCredit.NONE;
        private BillingTerms terms = BillingTerms.defaults();
        private VatRates vatRates;
        private Function<FakeEnvironments, ? extends ProductEnvironments> environments = Function.identity();
        private Function<SimulatedPaymentProvider, ? extends PaymentProvider> payments = Function.identity();
        private Function<RecordingEventSink, ? extends EventSink> sink = Function.identity();
        private boolean catalog = true;
        private int billingRunWorkers = 1;
        private int chargesInFlight = Billing.DEFAULT_CHARGES_IN_FLIGHT;
        private Duration chargeTimeout = Billing.DEFAULT_CHARGE_TIMEOUT;
        private InvoiceRenderer renderer;
        private VatNumberVerifier verifier;
        private UnverifiedVatPolicy unverifiedVat;
        private final Map<DocumentFormat, InvoiceRenderer> renderers = new LinkedHashMap<>();

        private Builder() {
        }

        /** The (empty) storage to build on; a new in-memory one by default. */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        public Builder cancellationTiming(CancellationTiming timing) {
            this.timing = Objects.requireNonNull(timing, "timing");
            return this;
        }

        public Builder cancellationCredit(CancellationCredit credit) {
            this.cancellationCredit = Objects.requireNonNull(credit, "credit");
            return this;
        }

        public Builder terms(BillingTerms terms) {
            this.terms = Objects.requireNonNull(terms, "terms");
            return this;
        }

        /** The VAT rates; the SDK's default (the EU standard rates) unless given. */
        public Builder vatRates(VatRates vatRates) {
            this.vatRates = Objects.requireNonNull(vatRates, "vatRates");
            return this;
        }

        /** The environments port the billing gets, made from the fixture's fake (e.g. a wrapper of it). */
        public Builder environments(Function<FakeEnvironments, ? extends ProductEnvironments> port) {
            this.environments = Objects.requireNonNull(port, "port");
            return this;
        }

        /** The payment provider the billing gets, made from the fixture's simulated one (e.g. a wrapper of it). */
        public Builder payments(Function<SimulatedPaymentProvider, ? extends PaymentProvider> port) {
            this.payments = Objects.requireNonNull(port, "port");
            return this;
        }

        /** The event sink the billing gets, made from the fixture's recording one (e.g. a wrapper of it). */
        public Builder events(Function<RecordingEventSink, ? extends EventSink> port) {
            this.sink = Objects.requireNonNull(port, "port");
            return this;
        }

        /** A renderer registered for {@code format}, as {@code Billing.Builder.renderer} registers it. */
        public Builder renderer(DocumentFormat format, InvoiceRenderer renderer) {
            renderers.put(format, renderer);
            return this;
        }

        /** VAT numbers verified by {@code verifier}, unconfirmed ones counting as {@code policy} says. */
        public Builder vatNumbers(VatNumberVerifier verifier, UnverifiedVatPolicy policy) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            this.unverifiedVat = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The invoice renderer; the SDK's default (HTML) unless given. */
        public Builder invoiceRenderer(InvoiceRenderer renderer) {
            this.renderer = Objects.requireNonNull(renderer, "renderer");
            return this;
        }

        /** Leaves the catalog empty (and the plan fields null) for a test that defines its own. */
        public Builder withoutCatalog() {
            this.catalog = false;
            return this;
        }

        /** The charges in flight; the SDK's default unless told otherwise. */
        public Builder chargesInFlight(int inFlight) {
            this.chargesInFlight = inFlight;
            return this;
        }

        /** How long a charge is waited for; the SDK's default unless told otherwise. */
        public Builder chargeTimeout(Duration timeout) {
            this.chargeTimeout = timeout;
            return this;
        }

        /** The billing run's workers; 1 unless told otherwise. */
        public Builder billingRunWorkers(int workers) {
            this.billingRunWorkers = workers;
            return this;
        }

        public BillingFixture build() {
            if (storage == null) {
                storage = InMemoryStorage.create();
            }
            BillingFixture fixture = new BillingFixture(this);
            if (catalog) {
                fixture.defineCatalog();
            }
            return fixture;
        }
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
