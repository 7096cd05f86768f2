package org.billingsdk.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.money.Monetary;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.change.Change;
import org.billingsdk.core.change.ChangePreview;
import org.billingsdk.core.change.ChangeResult;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDay;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.credit.Refund;
import org.billingsdk.core.history.CreditNoteSummary;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.internal.Access;
import org.billingsdk.core.invoice.DocumentFormat;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceSection;
import org.billingsdk.core.invoice.Seller;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupOutcome;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.simulation.SimulatedPaymentProvider;
import org.billingsdk.core.subscription.CancelResult;
import org.billingsdk.core.subscription.ChangeTiming;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.ReactivateResult;
import org.billingsdk.core.subscription.RemoveCancellationResult;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionView;
import org.billingsdk.core.subscription.Subscriptions;
import org.billingsdk.core.tax.UnverifiedVatPolicy;
import org.billingsdk.documents.EInvoiceRenderer;
import org.billingsdk.documents.FacturXRenderer;
import org.billingsdk.documents.PdfInvoiceRenderer;
import org.billingsdk.vies.ViesVatNumberVerifier;
import org.billingsdk.documents.SellerContact;
import org.billingsdk.jdbc.JdbcStorage;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.javamoney.moneta.Money;

/**
 * The main example: a parent company with two child companies taken through every portal
 * operation on the embedded H2 database, with a clock moved forward, printing the portal view as
 * it goes.
 *
 * <p>Run it with {@code mvn -q -pl examples -am install -DskipTests && mvn -q -pl examples exec:java}
 * (see the README).
 */
public final class PortalTour {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-05T09:00:00Z"));
    private final Billing billing;
    private final LocalVies vies;

    private PortalTour() {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        // VIES is not reachable from here: the VIES adapter asks a local stand-in of its REST interface.
        vies = new LocalVies(clock).registers("DE136695976", "ACME BERLIN GMBH", "FRIEDRICHSTR. 1\n10117 BERLIN")
                .registers("FR40303265045", "ACME LYON SARL", "1 RUE DE LA REPUBLIQUE\n69001 LYON");
        billing = Billing.builder()
                .storage(embeddedDatabase())
                .environments(new DemoEnvironments())
                .payments(new SimulatedPaymentProvider())
                .seller(Seller.of("ACME Security B.V.", Address.of("Herengracht 1", "1015 BA", "Amsterdam", "NL"),
                        VatNumber.of("NL853746333B01")))
                .events(event -> System.out.printf("    [event] %s: %s%n", event.type(), event.describe()))
                .renderer(DocumentFormat.PDF, PdfInvoiceRenderer.create())
                .renderer(DocumentFormat.FACTUR_X, FacturXRenderer.create())
                .renderer(DocumentFormat.CII, EInvoiceRenderer.cii())
                .renderer(DocumentFormat.UBL, EInvoiceRenderer.ubl())
                .renderer(DocumentFormat.XRECHNUNG, EInvoiceRenderer.xrechnung(new SellerContact("Accounts receivable",
                        "+31 20 123 4567", EmailAddress.of("ar@acme.example"))))
                .vatNumberVerifier(ViesVatNumberVerifier.at(vies.endpoint()).withClock(clock))
                .unverifiedVatPolicy(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED)
                .clock(clock)
                .build();
    }

    /**
     * The embedded default: an H2 database in memory, its schema applied by Flyway from the
     * migrations in the JDBC adapter's jar. A host passes its own (pooled) PostgreSQL data source.
     */
    private static JdbcStorage embeddedDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:portal-tour;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations(JdbcStorage.MIGRATIONS).load().migrate();
        return JdbcStorage.forDataSource(h2);
    }

    /**
     * Takes the companies through the tour, printing as it goes.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        PortalTour tour = new PortalTour();
        try (LocalVies vies = tour.vies) {
            tour.tour();
        }
    }

    private void tour() {
        section("The platform defines its catalog");
        billing.catalog().addProduct(new NewProduct("edr", "Endpoint Detection & Response",
                "Detects and stops threats on every endpoint."));
        billing.catalog().addProduct(new NewProduct("siem", "Managed SIEM", "Log analytics watched around the clock."));
        Plan edrMonthly = billing.catalog().addPlan(
                NewPlan.of("edr-monthly", "edr", eur("49.00"), BillingInterval.MONTHLY).withTrialDays(14));
        Plan siemContract = billing.catalog().addPlan(
                NewPlan.of("siem-annual-contract", "siem", eur("1200.00"), BillingInterval.YEARLY)
                        .withContractMonths(12));
        Plan edrFlexible = billing.catalog().addPlan(NewPlan.of("edr-flex", "edr", eur("59.00"), BillingInterval.MONTHLY));
        Plan edrSeats = billing.catalog().addPlan(NewPlan.of("edr-seats", "edr", eur("4.90"), BillingInterval.MONTHLY)
                .withQuantities(5, 500));
        Plan edrPro = billing.catalog().addPlan(NewPlan.of("edr-pro", "edr", eur("99.00"), BillingInterval.MONTHLY));
        Plan siemBasic = billing.catalog().addPlan(
                NewPlan.of("siem-annual-basic", "siem", eur("900.00"), BillingInterval.YEARLY).withContractMonths(12));

        section("A parent company registers two child companies");
        Company parent = billing.accounts().register(NewCompany.of("Acme Holding", "it@acme.example"));
        Actor alice = Actor.of(parent.id(), "alice@acme.example");
        Company amsterdam = billing.accounts().registerChild(alice, parent.id(),
                NewCompany.of("Acme Amsterdam", "ops@ams.acme.example"));
        Company berlin = billing.accounts().registerChild(alice, parent.id(),
                NewCompany.of("Acme Berlin", "ops@ber.acme.example"));

        section("Account details: the main email is mandatory and must be valid");
        try {
            billing.accounts().changeMainEmail(alice, parent.id(), "not-an-email");
        } catch (InvalidInputException e) {
            System.out.println("  refused: " + e.getMessage());
        }
        billing.accounts().changeMainEmail(alice, parent.id(), "security@acme.example");

        section("Billing & shipping details: billing email, VAT number, addresses");
        try {
            billing.accounts().updateBillingDetails(alice, berlin.id(), BillingDetails.builder()
                    .billingEmail("invoices@@acme")
                    .vatNumber("DE136695977")
                    .billingAddress(Address.of("", "10117", "Berlin", "XX"))
                    .build());
        } catch (InvalidInputException e) {
            System.out.println("  refused, every problem named:");
            e.violations().forEach(v -> System.out.println("    - " + v));
        }
        Company berlinBilled = billing.accounts().updateBillingDetails(alice, berlin.id(), BillingDetails.builder()
                .billingEmail("invoices@ber.acme.example")
                .vatNumber("de 136 695 976")
                .billingAddress(Address.of("Friedrichstr. 1", "10117", "Berlin", "de"))
                .shippingAddress(Address.of("Lagerweg 5", "12099", "Berlin", "DE"))
                .build());
        System.out.println("  stored VAT number " + berlinBilled.billingDetails().vatNumber()
                + ", billing country " + berlinBilled.billingDetails().billingAddress().country());
        printVatCheck(berlinBilled);

        section("Payment methods: a card for the parent, SEPA via iDEAL for Berlin, a card for Amsterdam");
        addMethod(alice, parent, SetupKind.CARD);
        addMethod(alice, berlin, SetupKind.SEPA_VIA_IDEAL);
        addMethod(alice, amsterdam, SetupKind.CARD);

        section("Subscriptions: a trial, a contract, a plan without either, and 25 endpoint seats");
        Subscription trial = billing.subscriptions().subscribe(alice, parent.id(), edrMonthly.id());
        Subscription contract = billing.subscriptions().subscribe(alice, amsterdam.id(), siemContract.id());
        Subscription flexible = billing.subscriptions().subscribe(alice, berlin.id(), edrFlexible.id());
        Subscription seats = billing.subscriptions().subscribe(alice, parent.id(), edrSeats.id(), 25);
        try {
            billing.subscriptions().subscribe(alice, parent.id(), edrSeats.id(), 3);
        } catch (InvalidInputException e) {
            System.out.println("  3 seats refused: " + e.getMessage());
        }
        portal(alice, parent);

        section("Access rule: a child company cannot see its parent");
        Actor bob = Actor.of(berlin.id(), "bob@ber.acme.example");
        try {
            billing.subscriptions().active(bob, parent.id(), Scope.COMPANY_ONLY);
        } catch (NotFoundException e) {
            System.out.println("  answered like a company that does not exist: " + e.getMessage());
        }

        section("Cancel: refused without acknowledging the data erasure");
        print(billing.subscriptions().cancel(alice, contract.id(), DataErasure.NOT_ACKNOWLEDGED));

        section("Cancel in a trial and under a contract: scheduled for the term's end");
        print(billing.subscriptions().cancel(alice, trial.id(), DataErasure.ACKNOWLEDGED));
        print(billing.subscriptions().cancel(alice, contract.id(), DataErasure.ACKNOWLEDGED));
        portal(alice, parent);

        section("Remove the contract's scheduled cancellation: service continues");
        System.out.println("  a change meanwhile: " + billing.changes().change(alice, contract.id(),
                Change.toPlan(siemBasic.id())));
        RemoveCancellationResult removed = billing.subscriptions().removeScheduledCancellation(alice, contract.id());
        System.out.println("  " + removed);

        now.set(now.get().plus(Duration.ofDays(10)));
        section("Ten days later Acme Berlin upgrades from EDR Flex to EDR Pro: one invoice, unused time and the rest");
        ChangePreview preview = billing.changes().preview(alice, flexible.id(), Change.toPlan(edrPro.id()));
        if (preview instanceof ChangePreview.Immediate immediate) {
            System.out.println("  the preview: " + Amounts.format(immediate.invoice().total()) + " to pay now");
        }
        ChangeResult upgrade = billing.changes().change(alice, flexible.id(), Change.toPlan(edrPro.id()));
        if (upgrade instanceof ChangeResult.Applied applied) {
            System.out.println("  now on " + applied.subscription().planId() + ", same subscription, same environment "
                    + applied.subscription().environmentId() + "; nothing erased");
            printLines(applied.invoice());
        }

        section("The parent adds 15 endpoint seats (25 -> 40), prorated the same way");
        if (billing.changes().change(alice, seats.id(), Change.toQuantity(40)) instanceof ChangeResult.Applied added) {
            printLines(added.invoice());
        }

        section("A downgrade (40 -> 30 seats) waits for the end of the period, shows in the portal, is revoked");
        System.out.println("  " + billing.changes().change(alice, seats.id(), Change.toQuantity(30)));
        portal(alice, parent);
        System.out.println("  " + billing.changes().revoke(alice, seats.id()));

        section("Under a contract a downgrade waits for the term's end, and cannot be made sooner");
        System.out.println("  now: " + billing.changes().change(alice, contract.id(),
                Change.toPlan(siemBasic.id()).at(ChangeTiming.IMMEDIATE)));
        System.out.println("  by default: " + billing.changes().change(alice, contract.id(),
                Change.toPlan(siemBasic.id())));

        section("Credit note: three days of SIEM outage credited to Acme Amsterdam's credit balance");
        InvoiceSummary siemInvoice = HistoryEntry.invoices(billing.invoices().history(alice, amsterdam.id(),
                Scope.COMPANY_ONLY, PageRequest.first(1)).items()).get(0);
        CreditNote outage = billing.credits().issue(alice, siemInvoice.id(), CreditRequest.of(
                CreditReason.PRODUCT_UNSATISFACTORY, CreditDestination.BALANCE, CreditRequest.Line.of(0, eur("100.00")))
                .withMemo("Three days of SIEM outage in January"));
        System.out.printf("  credit note %s on invoice %s: %s net + %s VAT = %s%n", outage.number(),
                outage.invoiceNumber(), Amounts.format(outage.subtotal()), Amounts.format(outage.taxTotal()),
                Amounts.format(outage.total()));
        System.out.println("  what the invoice still holds for credit: "
                + Amounts.format(billing.credits().creditable(alice, siemInvoice.id()).total()));
        System.out.println("  Acme Amsterdam's credit balance: " + billing.credits().balances(alice, amsterdam.id())
                .stream().map(Amounts::format).toList());

        section("Partial refund: EUR 10.00 of Acme Berlin's first invoice back to its SEPA mandate");
        List<InvoiceSummary> berlinInvoices = HistoryEntry.invoices(billing.invoices().history(alice, berlin.id(),
                Scope.COMPANY_ONLY, PageRequest.first(10)).items());
        InvoiceSummary berlinInvoice = berlinInvoices.get(berlinInvoices.size() - 1); // the oldest: its first month
        CreditNote refundNote = billing.credits().issue(alice, berlinInvoice.id(), CreditRequest.of(
                CreditReason.REQUESTED_BY_CUSTOMER, CreditDestination.REFUND, CreditRequest.Line.of(0, eur("10.00"))));
        for (Refund refund : billing.credits().refunds(alice, berlinInvoice.id())) {
            System.out.printf("  credit note %s: refund of %s under key %s: %s%n", refundNote.number(),
                    Amounts.format(refund.amount()), refund.idempotencyKey(), refund.status());
        }
        System.out.println("  what the invoice still holds for credit: "
                + Amounts.format(billing.credits().creditable(alice, berlinInvoice.id()).total()));
        try {
            billing.credits().issue(alice, berlinInvoice.id(), CreditRequest.of(CreditReason.DUPLICATE,
                    CreditDestination.REFUND, CreditRequest.Line.of(0, eur("49.01"))));
        } catch (RefusedException e) {
            System.out.println("  refunding EUR 49.01 more: refused, " + e.refusal().code());
        }

        section("Cancel without trial or contract: takes effect at once, data erased");
        print(billing.subscriptions().cancel(alice, flexible.id(), DataErasure.ACKNOWLEDGED));

        section("Time passes: the billing run applies what is due");
        for (int month = 1; month <= 13; month++) {
            now.set(now.get().plus(Duration.ofDays(30)));
            BillingRunReport report = billing.run(now.get());
            if (report.subscriptionsExamined() > 0) {
                System.out.printf("  run at %s: %s%n", DAY.format(now.get()), report);
            }
        }
        portal(alice, parent);

        section("The credit balance settled part of Acme Amsterdam's renewal before it was charged");
        InvoiceSummary renewal = HistoryEntry.invoices(billing.invoices().history(alice, amsterdam.id(),
                Scope.COMPANY_ONLY, PageRequest.first(5)).items()).get(0);
        Invoice renewed = billing.invoices().find(alice, renewal.id()).invoice();
        System.out.printf("  invoice %s: total %s, credit applied %s, charged %s (%s)%n", renewed.number(),
                Amounts.format(renewed.total()), Amounts.format(renewed.creditApplied()),
                Amounts.format(renewed.total().subtract(renewed.creditApplied())), renewed.state());
        billing.credits().ledger(alice, amsterdam.id(), renewed.total().getCurrency(), PageRequest.first(10)).items()
                .forEach(entry -> System.out.printf("    balance %-9s %12s -> %s%n", entry.kind(),
                        Amounts.format(entry.amount()), Amounts.format(entry.balance())));

        section("Reactivate the cancelled subscription: a new subscription with a new environment");
        ReactivateResult again = billing.subscriptions().reactivate(alice, flexible.id());
        if (again instanceof ReactivateResult.Reactivated reactivated) {
            System.out.println("  new subscription " + reactivated.subscriptionId() + " in environment "
                    + reactivated.environmentId());
        }
        System.out.println("  reactivating it twice: " + billing.subscriptions().reactivate(alice, flexible.id()));
        portal(alice, parent);

        section("The parent pays for two new children, billed on the 1st: Acme Rotterdam and Acme Utrecht");
        billing.accounts().setBillingDay(alice, parent.id(), 1);
        Company rotterdam = billing.accounts().registerChild(alice, parent.id(),
                NewCompany.of("Acme Rotterdam", "ops@rtm.acme.example"));
        Company utrecht = billing.accounts().registerChild(alice, parent.id(),
                NewCompany.of("Acme Utrecht", "ops@utr.acme.example"));
        billing.accounts().setPayer(alice, rotterdam.id(), parent.id());
        billing.accounts().setPayer(alice, utrecht.id(), parent.id());
        Actor carol = Actor.of(rotterdam.id(), "carol@rtm.acme.example");
        Actor dave = Actor.of(utrecht.id(), "dave@utr.acme.example");
        billing.subscriptions().subscribe(carol, rotterdam.id(), edrFlexible.id());
        billing.subscriptions().subscribe(dave, utrecht.id(), edrFlexible.id(), 10);
        System.out.println("  Acme Rotterdam is billed to " + billing.accounts().payer(carol, rotterdam.id()).name()
                + "; its own billing history holds " + billing.invoices().history(carol, rotterdam.id(),
                        Scope.COMPANY_ONLY, PageRequest.first(5)).items().size() + " invoices");
        System.out.println("  their first invoices are made out to Acme Holding, prorated up to the 1st:");
        List<Invoice> firstInvoices = newestInvoices(alice, parent, 2);
        printLines(firstInvoices.get(1));
        printLines(firstInvoices.get(0));

        section("On the 1st the billing run issues Acme Holding one invoice, a section per company");
        now.set(BillingDay.of(1).nextAfter(now.get()));
        System.out.printf("  run at %s: %s%n", DAY.format(now.get()), billing.run(now.get()));
        Invoice consolidated = newestInvoices(alice, parent, 1).get(0);
        System.out.println("  invoice " + consolidated.number() + " to " + consolidated.buyer().name()
                + ", charged once to its card:");
        for (InvoiceSection part : consolidated.sections()) {
            System.out.printf("    %-16s %s%n", part.companyName(), Amounts.format(part.total()));
            for (InvoiceLine line : part.lines()) {
                System.out.printf("      %-45s %s..%s %3d x %-10s %12s%n", line.description(),
                        DAY.format(line.periodStart()), DAY.format(line.periodEnd()), line.quantity(),
                        Amounts.format(line.unitPrice()), Amounts.format(line.amount()));
            }
        }
        System.out.printf("    total %s (net %s + VAT %s): %s%n", Amounts.format(consolidated.total()),
                Amounts.format(consolidated.subtotal()), Amounts.format(consolidated.taxTotal()),
                consolidated.state());
        System.out.println("  its documents, one in each format the portal offers:");
        for (DocumentFormat format : billing.documentFormats()) {
            InvoiceDocument document = billing.invoices().document(alice, consolidated.id(), format);
            System.out.printf("    %-9s %6d bytes  %s%n", format, document.content().length,
                    written(document).toAbsolutePath());
        }
        portal(alice, parent);

        section("Billing history of the whole group: invoices and credit notes, newest first (first page of 8)");
        Page<HistoryEntry> history = billing.invoices().history(alice, parent.id(), Scope.WITH_DESCENDANTS,
                PageRequest.first(8));
        history.items().forEach(PortalTour::printRow);
        System.out.println("  ... and Acme Amsterdam's own, with its credit note beside its invoices:");
        billing.invoices().history(alice, amsterdam.id(), Scope.COMPANY_ONLY, PageRequest.first(5)).items()
                .forEach(PortalTour::printRow);
        List<InvoiceSummary> invoices = HistoryEntry.invoices(history.items());
        if (!invoices.isEmpty()) {
            InvoiceDocument document = billing.invoices().document(alice, invoices.get(0).id());
            System.out.println("  document " + document.fileName() + " (" + document.content().length + " bytes)");
        }
        System.out.println("  credit note " + outage.number() + "'s documents:");
        for (DocumentFormat format : billing.documentFormats()) {
            InvoiceDocument document = billing.credits().document(alice, outage.id(), format);
            System.out.printf("    %-9s %6d bytes  %s%n", format, document.content().length,
                    written(document).toAbsolutePath());
        }

        section("Audit trail of Acme Berlin (newest first)");
        billing.audit().ofCompany(alice, berlin.id(), 20).forEach(record -> System.out.printf(
                "  %s  %-22s by %-22s %s%n", DAY.format(record.at()), record.action(), record.who(), record.detail()));

        section("VIES cannot confirm a VAT number: VAT is charged until it can, then credited");
        vies.memberStateDown("FR", true);
        Company lyon = billing.accounts().registerChild(alice, parent.id(),
                NewCompany.of("Acme Lyon", "it@lyon.acme.example").withBillingDetails(BillingDetails.builder()
                        .vatNumber("FR 40 303 265 045")
                        .billingAddress(Address.of("1 rue de la République", "69001", "Lyon", "FR")).build()));
        printVatCheck(lyon);
        addMethod(alice, lyon, SetupKind.CARD);
        billing.subscriptions().subscribe(alice, lyon.id(), edrFlexible.id());
        Invoice withVat = newestInvoices(alice, lyon, 1).get(0);
        System.out.printf("  %s: net %s + French VAT %s = %s, %s%n", withVat.number(),
                Amounts.format(withVat.subtotal()), Amounts.format(withVat.taxTotal()), Amounts.format(withVat.total()),
                withVat.state());
        vies.memberStateDown("FR", false);
        now.set(now.get().plus(Duration.ofDays(1)));
        System.out.printf("  a day later, run at %s: %s%n", DAY.format(now.get()), billing.run(now.get()));
        Company confirmed = billing.accounts().find(alice, lyon.id());
        printVatCheck(confirmed);
        for (CreditNote note : billing.credits().ofInvoice(alice, withVat.id())) {
            System.out.printf("  credit note %s on %s (%s): %s to the credit balance%n", note.number(),
                    note.invoiceNumber(), note.reason().text(), Amounts.format(note.total()));
        }
        Invoice reverseCharged = newestInvoices(alice, lyon, 3).get(0);
        System.out.printf("  %s: the same %s reverse-charged, settled from the balance: %s%n", reverseCharged.number(),
                Amounts.format(reverseCharged.subtotal()), reverseCharged.state());
        System.out.println("  Acme Lyon's credit balance, the VAT it paid: "
                + billing.credits().balances(alice, lyon.id()).stream().map(Amounts::format).toList());
    }

    /** What VIES last answered about the company's VAT number, as the company keeps it. */
    private static void printVatCheck(Company company) {
        VatCheck check = company.vatCheck();
        if (check == null) {
            System.out.println("  " + company.name() + ": VAT number not checked");
            return;
        }
        System.out.printf("  VIES on %s (%s): %s%s%s%s%n", check.number(), DAY.format(check.checkedAt()),
                check.status(), check.failure() == null ? "" : " (" + check.failure() + ")",
                check.consultationNumber() == null ? "" : ", consultation " + check.consultationNumber(),
                check.registeredName() == null ? "" : ", registered to " + check.registeredName() + ", "
                        + check.registeredAddress().replace('\n', ' '));
    }

    private void addMethod(Actor actor, Company company, SetupKind kind) {
        SetupSession setup = billing.paymentMethods().startSetup(actor, company.id(), kind);
        // Here the host's front end hands setup.clientSecret().value() to the provider's form or redirect.
        SetupOutcome outcome = billing.paymentMethods().completeSetup(actor, company.id(), setup.id());
        if (outcome instanceof SetupOutcome.Added added) {
            System.out.println("  " + company.name() + ": " + added.method().details().display()
                    + (added.method().isDefault() ? " (default)" : ""));
        }
    }

    private void portal(Actor actor, Company company) {
        List<SubscriptionView> rows = billing.subscriptions().all(actor, company.id(), Scope.WITH_DESCENDANTS);
        System.out.println();
        System.out.printf("  %-15s %-31s %4s %-21s %-10s %-10s %-10s %-10s %-13s %s%n", "COMPANY", "PRODUCT",
                "QTY", "BILLING AMOUNT", "STATE", "TRIAL END", "CONTRACT", "CANCELS", "BILLED TO", "SCHEDULED CHANGE");
        for (SubscriptionView row : rows) {
            ScheduledChange change = row.scheduledChange();
            System.out.printf("  %-15s %-31s %4d %-21s %-10s %-10s %-10s %-10s %-13s %s%n", row.companyName(),
                    row.product().name(), row.quantity(), row.billingAmount(), row.state(), day(row.trialEnd()),
                    day(row.contractEnd()), day(row.scheduledCancellation()),
                    row.billedTo().itself() ? "itself" : row.billedTo().name(), change == null ? "-"
                            : change.quantity() + " x " + change.planId() + " (" + row.scheduledBillingAmount()
                            + ") on " + day(change.effectiveOn()));
        }
        System.out.println();
    }

    /** Writes {@code document} under {@code target/documents}, where a browser would save a download. */
    private static Path written(InvoiceDocument document) {
        Path file = Path.of("target", "documents", document.fileName());
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, document.content());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** The {@code count} newest invoices made out to {@code company}, newest first. */
    private List<Invoice> newestInvoices(Actor actor, Company company, int count) {
        return HistoryEntry.invoices(billing.invoices().history(actor, company.id(), Scope.COMPANY_ONLY,
                PageRequest.first(count)).items()).stream()
                .map(newest -> billing.invoices().find(actor, newest.id()).invoice()).toList();
    }

    /** An invoice's lines (a change's: the unused time credited, the rest charged) and its totals. */
    private static void printLines(Invoice invoice) {
        System.out.println("  invoice " + invoice.number() + ":");
        for (InvoiceLine line : invoice.lines()) {
            String description = line.companyId() != null && !line.companyId().equals(invoice.companyId())
                    ? line.description() + " (for " + line.companyName() + ")" : line.description();
            System.out.printf("    %-47s %s..%s %3d x %-10s %12s  VAT %s%n", description,
                    DAY.format(line.periodStart()), DAY.format(line.periodEnd()), line.quantity(),
                    Amounts.format(line.unitPrice()), Amounts.format(line.amount()),
                    Amounts.format(line.tax().amount()));
        }
        System.out.printf("    total %s (net %s + VAT %s), credit applied %s: %s%n", Amounts.format(invoice.total()),
                Amounts.format(invoice.subtotal()), Amounts.format(invoice.taxTotal()),
                Amounts.format(invoice.creditApplied()), invoice.state());
    }

    /** One row of the billing history: an invoice with its attempts, or a credit note with what it did. */
    private static void printRow(HistoryEntry row) {
        if (row instanceof InvoiceSummary invoice) {
            System.out.printf("  %s  %-15s %-12s %-6s %s%n", invoice.number(), invoice.companyName(),
                    Amounts.format(invoice.total()), invoice.state(),
                    invoice.payments().stream().map(p -> p.status().toString()).toList());
        } else if (row instanceof CreditNoteSummary note) {
            System.out.printf("  %s   %-15s -%-11s credit note on %s, %s%n", note.number(), note.companyName(),
                    Amounts.format(note.total()), note.invoiceNumber(), note.destination());
        }
    }

    private static void print(CancelResult result) {
        if (result instanceof CancelResult.Scheduled scheduled) {
            System.out.println("  scheduled: cancels on " + DAY.format(scheduled.effectiveOn()));
        } else if (result instanceof CancelResult.Cancelled cancelled) {
            System.out.println("  cancelled now; data erasure " + cancelled.erasure());
        } else if (result instanceof CancelResult.Refused refused) {
            System.out.println("  refused: " + refused.reason());
        }
    }

    private static String day(Instant instant) {
        return instant == null ? "-" : DAY.format(instant);
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), Monetary.getCurrency("EUR"));
    }
}
