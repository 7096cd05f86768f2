package org.billingsdk.examples.portal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.billingsdk.core.Billing;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.BillingMode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.invoice.DocumentFormat;
import org.billingsdk.core.invoice.Seller;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.port.ErasureOutcome;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.documents.PdfInvoiceRenderer;
import org.billingsdk.jdbc.JdbcStorage;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.javamoney.moneta.Money;

/**
 * The SDK behind the reference portal, on the embedded default (H2 in memory), with the simulated
 * payment provider and PDF documents, seeded with a group of companies and five months of history:
 * Acme Holding (the parent) with Acme Berlin and Acme Amsterdam, and Globex, whose billing a
 * partner runs. Its clock starts five months back and runs the billing month by month up to now,
 * then follows the system's. Acme Holding also looks after {@value #CLIENTS} small client
 * companies (Client 01, Client 02, ...), each with one subscription begun lately in a mix of states,
 * so that its subscription list has more than one page.
 */
final class DemoPortal {

    /** How many client companies Acme Holding has beside Acme Berlin and Acme Amsterdam. */
    static final int CLIENTS = 64;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final AtomicReference<Instant> pinned = new AtomicReference<>();
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant at = pinned.get();
            return at != null ? at : Instant.now();
        }
    };
    private final JdbcStorage storage;
    private final Billing billing;
    private final Map<String, DemoUser> users = new ConcurrentHashMap<>();
    private SubscriptionId partnerManaged;

    DemoPortal() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:portal-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations(JdbcStorage.MIGRATIONS).load().migrate();
        storage = JdbcStorage.forDataSource(h2);
        billing = Billing.builder()
                .storage(storage)
                .environments(new Environments())
                .payments(new SimulatedPaymentProvider())
                .seller(Seller.of("ACME Security B.V.", Address.of("Herengracht 1", "1015 BA", "Amsterdam", "NL"),
                        VatNumber.of("NL853746333B01")))
                .renderer(DocumentFormat.PDF, PdfInvoiceRenderer.create())
                .clock(clock)
                .build();
        seed();
    }

    Billing billing() {
        return billing;
    }

    Clock clock() {
        return clock;
    }

    /** The demo sign-ins, by name. */
    Map<String, DemoUser> users() {
        return Map.copyOf(users);
    }

    /** {@return Globex's subscription, which the partner that runs its billing manages} */
    SubscriptionId partnerManagedSubscription() {
        return partnerManaged;
    }

    /** {@return the state storage holds for {@link #partnerManagedSubscription()}, read past the access rule} */
    SubscriptionState partnerManagedSubscriptionState() {
        return storage.inTransaction(() -> storage.subscriptions().findById(partnerManaged).orElseThrow().state());
    }

    Optional<DemoUser> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    private static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), "EUR");
    }

    private void seed() {
        Instant now = Instant.now();
        Instant start = now.minus(Duration.ofDays(150));
        pinned.set(start);
        billing.catalog().addProduct(new NewProduct("edr", "Endpoint Detection & Response",
                "Detects and stops threats on every endpoint."));
        billing.catalog().addProduct(new NewProduct("siem", "Managed SIEM", "Log analytics watched around the clock."));
        Plan edrSeats = billing.catalog().addPlan(NewPlan.of("edr-seats", "edr", eur("4.90"), BillingInterval.MONTHLY)
                .withQuantities(5, 500));
        billing.catalog().addPlan(NewPlan.of("edr-pro-seats", "edr", eur("7.90"), BillingInterval.MONTHLY)
                .withQuantities(5, 500));
        Plan edrTrial = billing.catalog().addPlan(
                NewPlan.of("edr-monthly", "edr", eur("49.00"), BillingInterval.MONTHLY).withTrialDays(14));
        Plan siem = billing.catalog().addPlan(NewPlan.of("siem-annual-contract", "siem", eur("1200.00"),
                BillingInterval.YEARLY).withContractMonths(12));
        billing.catalog().addPlan(NewPlan.of("siem-monthly", "siem", eur("119.00"), BillingInterval.MONTHLY));

        Company holding = billing.accounts().register(NewCompany.of("Acme Holding", "it@acme.example")
                .withBillingDetails(BillingDetails.builder().billingEmail("invoices@acme.example")
                        .billingAddress(Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL")).build()));
        Actor alice = new DemoUser("alice", "alice@acme.example", holding.id(), holding.name(), "parent admin")
                .actor();
        Company berlin = billing.accounts().registerChild(alice, holding.id(),
                NewCompany.of("Acme Berlin", "ops@ber.acme.example").withBillingDetails(BillingDetails.builder()
                        .billingEmail("invoices@ber.acme.example").vatNumber("DE136695976")
                        .billingAddress(Address.of("Friedrichstraße 1", "10117", "Berlin", "DE")).build()));
        Company amsterdam = billing.accounts().registerChild(alice, holding.id(),
                NewCompany.of("Acme Amsterdam", "ops@ams.acme.example").withBillingDetails(BillingDetails.builder()
                        .billingAddress(Address.of("Stationsplein 10", "1012 AB", "Amsterdam", "NL")).build()));
        Company globex = billing.accounts().register(NewCompany.of("Globex", "it@globex.example")
                .withBillingDetails(BillingDetails.builder()
                        .billingAddress(Address.of("Coolsingel 40", "3011 AD", "Rotterdam", "NL")).build()));
        Actor bob = Actor.of(berlin.id(), "bob@ber.acme.example");
        Actor pat = Actor.of(globex.id(), "pat@globex.example");

        addMethod(alice, holding, SetupKind.CARD);
        addMethod(bob, berlin, SetupKind.SEPA_VIA_IDEAL);
        addMethod(alice, amsterdam, SetupKind.CARD);
        addMethod(pat, globex, SetupKind.CARD);
        billing.subscriptions().subscribe(alice, holding.id(), edrSeats.id(), 40);
        billing.subscriptions().subscribe(alice, amsterdam.id(), siem.id());
        billing.subscriptions().subscribe(bob, berlin.id(), edrSeats.id(), 12);
        billing.subscriptions().subscribe(alice, holding.id(), edrTrial.id());
        partnerManaged = billing.subscriptions().subscribe(pat, globex.id(), edrSeats.id(), 25).id();

        for (int month = 1; month <= 4; month++) {
            pinned.set(start.plus(Duration.ofDays(31L * month)));
            billing.run(pinned.get());
            if (month == 2) {
                // Three days of outage credited to Amsterdam's balance.
                InvoiceSummary latest = HistoryEntry.invoices(billing.invoices().history(alice, amsterdam.id(),
                        Scope.COMPANY_ONLY, PageRequest.first(5)).items()).get(0);
                billing.credits().issue(alice, latest.id(), CreditRequest.of(CreditReason.PRODUCT_UNSATISFACTORY,
                        CreditDestination.BALANCE, CreditRequest.Line.of(0, eur("30.00")))
                        .withMemo("Three days of SIEM outage"));
            }
        }
        pinned.set(now.minus(Duration.ofDays(3)));
        seedClients(alice, holding, edrSeats, edrTrial);
        pinned.set(now);
        billing.run(now);
        // A partner took over Globex's billing: its portal shows what it has and refuses changes.
        Company managed = billing.accounts().find(pat, globex.id());
        storage.inTransaction(() -> storage.companies().update(new Company(managed.id(), managed.name(),
                managed.parentId(), managed.rootId(), managed.mainEmail(), managed.billingDetails(),
                BillingMode.PARTNER_MANAGED, managed.payerId(), managed.billingDay(), managed.vatCheck(),
                managed.createdAt(), managed.version())));
        pinned.set(null);

        users.put("alice", new DemoUser("alice", "alice@acme.example", holding.id(), holding.name(),
                "parent admin: sees Acme Holding, Acme Berlin, Acme Amsterdam and " + CLIENTS
                        + " client companies"));
        users.put("bob", new DemoUser("bob", "bob@ber.acme.example", berlin.id(), berlin.name(),
                "child admin: sees Acme Berlin only, never its parent"));
        users.put("pat", new DemoUser("pat", "pat@globex.example", globex.id(), globex.name(),
                "partner-managed company: sees its billing, changes are the partner's"));
    }

    /**
     * The client companies, each with one subscription, in a mix that the list's filters tell
     * apart: three in four in an EDR trial (quick to seed: nothing is invoiced), every eighth
     * client's with its cancellation scheduled for the trial's end; of every fourth client, most on
     * monthly SIEM or EDR seats that Acme Holding pays for (active; two of the SIEM ones cancelled)
     * and one in four on monthly SIEM without a payment method (past due). Their names sort after
     * Acme's, so that the group's own companies come first in the list.
     */
    private void seedClients(Actor alice, Company holding, Plan edrSeats, Plan edrTrial) {
        PlanId siemMonthly = PlanId.of("siem-monthly");
        for (int i = 1; i <= CLIENTS; i++) {
            String number = String.format(Locale.ROOT, "%02d", i);
            Company client = billing.accounts().registerChild(alice, holding.id(),
                    NewCompany.of("Client " + number, "it@client" + number + ".example").withBillingDetails(
                            BillingDetails.builder().billingAddress(Address.of("Dorpsstraat " + i, "1234 AB",
                                    "Utrecht", "NL")).build()));
            if (i % 4 != 0) {
                SubscriptionId trial = billing.subscriptions().subscribe(alice, client.id(), edrTrial.id()).id();
                if (i % 8 == 1) {
                    billing.subscriptions().cancel(alice, trial, DataErasure.ACKNOWLEDGED);
                }
            } else if (i % 16 == 4) {
                billing.subscriptions().subscribe(alice, client.id(), siemMonthly);
            } else {
                billing.accounts().setPayer(alice, client.id(), holding.id());
                SubscriptionId paid = i % 16 == 12
                        ? billing.subscriptions().subscribe(alice, client.id(), edrSeats.id(), 5 + i).id()
                        : billing.subscriptions().subscribe(alice, client.id(), siemMonthly).id();
                if (i % 32 == 0) {
                    billing.subscriptions().cancel(alice, paid, DataErasure.ACKNOWLEDGED);
                }
            }
        }
    }

    private void addMethod(Actor actor, Company company, SetupKind kind) {
        billing.paymentMethods().completeSetup(actor, company.id(),
                billing.paymentMethods().startSetup(actor, company.id(), kind).id());
    }

    /** Names an environment per subscription; a host provisions its product here. */
    private static final class Environments implements ProductEnvironments {
        private final AtomicInteger sequence = new AtomicInteger(100);
        private final Map<SubscriptionId, EnvironmentId> provisioned = new ConcurrentHashMap<>();

        @Override
        public EnvironmentId provision(SubscriptionId subscription, CompanyId company, ProductCode product) {
            return provisioned.computeIfAbsent(subscription,
                    id -> EnvironmentId.of(product.value() + "-" + sequence.incrementAndGet()));
        }

        @Override
        public ErasureOutcome decommissionAndErase(EnvironmentId environment, SubscriptionId subscription) {
            return ErasureOutcome.ERASED;
        }
    }
}
