package org.billingsdk.core.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Billing;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.BillingMode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.credit.CreditNoteLine;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.credit.Creditable;
import org.billingsdk.core.event.BillingDayChanged;
import org.billingsdk.core.event.BillingDetailsChanged;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.CancellationRevoked;
import org.billingsdk.core.event.CancellationScheduled;
import org.billingsdk.core.event.ChangeScheduled;
import org.billingsdk.core.event.CompanyMoved;
import org.billingsdk.core.event.CompanyRegistered;
import org.billingsdk.core.event.ContractRenewed;
import org.billingsdk.core.event.CreditBalanceChanged;
import org.billingsdk.core.event.CreditNoteIssued;
import org.billingsdk.core.event.DefaultPaymentMethodChanged;
import org.billingsdk.core.event.InvoiceIssued;
import org.billingsdk.core.event.InvoicePaid;
import org.billingsdk.core.event.InvoiceUncollectible;
import org.billingsdk.core.event.InvoiceVoided;
import org.billingsdk.core.event.MainEmailChanged;
import org.billingsdk.core.event.PayerChanged;
import org.billingsdk.core.event.PaymentFailed;
import org.billingsdk.core.event.PaymentMethodAdded;
import org.billingsdk.core.event.PaymentMethodRemoved;
import org.billingsdk.core.event.PaymentPending;
import org.billingsdk.core.event.PaymentRefundFailed;
import org.billingsdk.core.event.PaymentRefundPending;
import org.billingsdk.core.event.PaymentRefunded;
import org.billingsdk.core.event.PaymentSucceeded;
import org.billingsdk.core.event.PlanAdded;
import org.billingsdk.core.event.ProductAdded;
import org.billingsdk.core.event.ScheduledChangeRevoked;
import org.billingsdk.core.event.SubscriptionCancelled;
import org.billingsdk.core.event.SubscriptionChanged;
import org.billingsdk.core.event.SubscriptionDataErased;
import org.billingsdk.core.event.SubscriptionPastDue;
import org.billingsdk.core.event.SubscriptionReactivated;
import org.billingsdk.core.event.SubscriptionRecovered;
import org.billingsdk.core.event.SubscriptionStarted;
import org.billingsdk.core.event.TrialEnded;
import org.billingsdk.core.event.VatNumberChecked;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.ClientSecret;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Last4;
import org.billingsdk.core.payment.MandateReference;
import org.billingsdk.core.payment.MethodDetails;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentId;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupReference;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatTreatment;
import org.javamoney.moneta.Money;

/**
 * Test data for the contract suites: aggregates built as the SDK builds them, with the values a
 * storage most easily gets wrong (microseconds, text that looks like SQL, ids at the edges of
 * their order). Every builder answers a new aggregate at version 0, ready to insert; ids are
 * random unless given, so that a test may insert as many as it likes. Thread-safe.
 */
public final class ContractData {

    /**
     * The time the suites start from. It has microseconds, never nanoseconds: a storage must keep
     * instants to at least the microsecond, which is what PostgreSQL's {@code timestamptz} keeps.
     */
    public static final Instant NOW = Instant.parse("2026-01-15T10:15:30.123456Z");

    /** One microsecond, the finest step a storage must tell apart. */
    public static final Duration MICROSECOND = Duration.ofNanos(1_000);

    /** The series the test invoices are numbered in; never the one a numbering test takes from. */
    public static final String TEST_INVOICE_SERIES = "TEST-2026";

    /** The days between an invoice's issue and its due date. */
    public static final Duration PAYMENT_TERMS = Duration.ofDays(14);

    /**
     * More keys than a database reads with one {@code IN (...)} list of a thousand: a storage
     * that reads many rows at once in chunks must find the rows of every chunk.
     */
    public static final int MORE_KEYS_THAN_ONE_QUERY_TAKES = 1_234;

    private static final AtomicLong INVOICE_SEQUENCE = new AtomicLong();

    private ContractData() {
    }

    /** A direct customer at the root of its own tree, with full billing details. */
    public static Company aCompany() {
        return aCompany("Acme B.V.");
    }

    /** A direct customer at the root of its own tree, with full billing details. */
    public static Company aCompany(String name) {
        CompanyId id = CompanyId.random();
        return new Company(id, name, null, id, EmailAddress.of("admin@acme.example"), fullBillingDetails(),
                BillingMode.DIRECT, NOW, 0);
    }

    /** A child of {@code parent} in the same tree, without billing details yet. */
    public static Company aChildOf(Company parent) {
        return aChildOf(parent, parent.name() + " / child");
    }

    /** A child of {@code parent} in the same tree, without billing details yet. */
    public static Company aChildOf(Company parent, String name) {
        return new Company(CompanyId.random(), name, parent.id(), parent.rootId(),
                EmailAddress.of("it@child.example"), null, BillingMode.DIRECT, NOW.plus(MICROSECOND), 0);
    }

    /** Every field set: billing email, VAT number, billing address and shipping address with every line. */
    public static BillingDetails fullBillingDetails() {
        return new BillingDetails("billing@acme.example", "NL853746333B01",
                new Address("Damrak 1", "2nd floor", "1012 LG", "Amsterdam", "Noord-Holland", "NL"),
                new Address("Stationsplein 10", "Dock 4", "1012 AB", "Amsterdam", "Noord-Holland", "NL"));
    }

    /** Only what is required: the billing address, with its required lines. */
    public static BillingDetails minimalBillingDetails() {
        return new BillingDetails(null, null, Address.of("Unter den Linden 5", null, "Berlin", "DE"), null);
    }

    /** The product {@code edr}. */
    public static Product aProduct() {
        return aProduct("edr");
    }

    /** A product with the given code and a description over two lines. */
    public static Product aProduct(String code) {
        return new Product(ProductCode.of(code), "Endpoint Detection & Response",
                "Detects and responds to threats on every endpoint.\nIncludes 24/7 support.");
    }

    /** A monthly plan of EUR 49.00, without trial or contract, with id {@code <product>-monthly}. */
    public static Plan aPlan(Product product) {
        return aPlan(product, product.code().value() + "-monthly", eur("49.00"));
    }

    /** A monthly plan without trial or contract. */
    public static Plan aPlan(Product product, String id, MonetaryAmount price) {
        return new Plan(PlanId.of(id), product.code(), price, BillingInterval.MONTHLY, 0, 0);
    }

    /** A monthly plan with a 14-day trial, with id {@code <product>-trial}. */
    public static Plan aTrialPlan(Product product) {
        return new Plan(PlanId.of(product.code().value() + "-trial"), product.code(), eur("49.00"),
                BillingInterval.MONTHLY, 14, 0);
    }

    /** A monthly plan with a 12-month contract, with id {@code <product>-contract}. */
    public static Plan aContractPlan(Product product) {
        return new Plan(PlanId.of(product.code().value() + "-contract"), product.code(), eur("39.00"),
                BillingInterval.MONTHLY, 0, 12);
    }

    /** A yearly plan with a 30-day trial and a 12-month contract, with id {@code <product>-trial-contract}. */
    public static Plan aTrialPlanWithContract(Product product) {
        return new Plan(PlanId.of(product.code().value() + "-trial-contract"), product.code(), eur("390.00"),
                BillingInterval.YEARLY, 30, 12);
    }

    /** An amount in euros, such as {@code eur("49.00")}. */
    public static Money eur(String amount) {
        return money(amount, "EUR");
    }

    /** An amount in any ISO currency, such as {@code money("1500", "JPY")}. */
    public static Money money(String amount, String currencyCode) {
        return Money.of(new BigDecimal(amount), currencyCode);
    }

    /** A new subscription of {@code company} to {@code plan}, started at {@link #NOW} with the plan's trial. */
    public static Subscription aSubscription(Company company, Plan plan) {
        return aSubscription(company, plan, SubscriptionId.random(), NOW);
    }

    /** A new subscription with the given id, started at {@link #NOW} with the plan's trial. */
    public static Subscription aSubscription(Company company, Plan plan, SubscriptionId id) {
        return aSubscription(company, plan, id, NOW);
    }

    /** A new subscription started at {@code startedAt} with the plan's trial. */
    public static Subscription aSubscription(Company company, Plan plan, Instant startedAt) {
        return aSubscription(company, plan, SubscriptionId.random(), startedAt);
    }

    /** A new subscription, built by {@link Subscription#subscribe} as the SDK builds it. */
    public static Subscription aSubscription(Company company, Plan plan, SubscriptionId id, Instant startedAt) {
        return Subscription.subscribe(id, company.id(), plan, EnvironmentId.of("env-" + id), startedAt);
    }

    /** A new subscription reactivating {@code previous}: no trial, linked to it. */
    public static Subscription aReactivationOf(Subscription previous, Plan plan) {
        SubscriptionId id = SubscriptionId.random();
        return Subscription.reactivation(previous, id, plan, EnvironmentId.of("env-" + id), NOW);
    }

    /**
     * A subscription in a trial of {@code plan} that also links back to {@code previous}: a
     * combination the SDK never makes (a reactivation has no trial), which a store keeps all the same.
     */
    public static Subscription aTrialingSubscriptionLinkedTo(Subscription previous, Company company, Plan plan,
            Instant startedAt) {
        Subscription s = Subscription.subscribe(SubscriptionId.random(), company.id(), plan,
                EnvironmentId.of("edr-env-7"), startedAt);
        return new Subscription(s.id(), s.companyId(), s.planId(), s.quantity(), s.state(), s.environmentId(),
                s.startedAt(), s.billingAnchor(), s.trialEnd(), s.contractEnd(), s.invoicedThrough(), s.cancelAt(),
                null, s.cancelledAt(), s.erasure(), s.erasedAt(), previous.id(), s.successorId(), s.version());
    }

    /**
     * Subscription ids whose order by {@link SubscriptionId#compareTo} (unsigned, as PostgreSQL
     * orders {@code uuid}) differs from {@link UUID#compareTo} (signed): a storage that pages by
     * the wrong order skips or repeats some of them.
     */
    public static List<SubscriptionId> idsAtTheEdgesOfTheOrder() {
        return Stream.of(
                        "00000000-0000-0000-0000-000000000001",
                        "00000000-0000-0000-7fff-ffffffffffff",
                        "00000000-0000-0000-8000-000000000000",
                        "7fffffff-ffff-ffff-ffff-ffffffffffff",
                        "80000000-0000-0000-0000-000000000000",
                        "ffffffff-ffff-ffff-ffff-fffffffffffe")
                .map(SubscriptionId::of)
                .toList();
    }

    /**
     * Invoice ids in the same order as {@link #idsAtTheEdgesOfTheOrder()}: their order by
     * {@link InvoiceId#compareTo} (unsigned) differs from {@link UUID#compareTo} (signed).
     */
    public static List<InvoiceId> invoiceIdsAtTheEdgesOfTheOrder() {
        return idsAtTheEdgesOfTheOrder().stream().map(id -> new InvoiceId(id.value())).toList();
    }

    /** The seller as an invoice prints it: no email, a VAT number and an address with every line. */
    public static Party aSeller() {
        return new Party("Billing SDK B.V.", null, VatNumber.of("NL853746333B01"),
                new Address("Keizersgracht 1", "3rd floor", "1015 CC", "Amsterdam", "Noord-Holland", "NL"));
    }

    /**
     * The buyer as an invoice prints {@code company}: its name, billing email, VAT number and
     * billing address, the last two empty when it has no billing details.
     */
    public static Party aBuyer(Company company) {
        BillingDetails details = company.billingDetails();
        return new Party(company.name(), company.effectiveBillingEmail(),
                details == null ? null : details.vat().orElse(null),
                details == null ? null : details.billingAddress());
    }

    /**
     * The line billing {@code subscription} for the month starting at {@code periodStart}, one unit
     * at {@code amount} with 21 % Dutch VAT; its product is the plan id up to the first dash ({@code edr} for
     * {@code edr-monthly}), as {@link #aPlan(Product)} names plans.
     */
    public static InvoiceLine aLine(Subscription subscription, Instant periodStart, MonetaryAmount amount) {
        return aLine(subscription, periodStart, amount, dutchVat(amount));
    }

    /** {@link #aLine(Subscription, Instant, MonetaryAmount)} with this VAT: one unit at {@code amount}. */
    public static InvoiceLine aLine(Subscription subscription, Instant periodStart, MonetaryAmount amount,
            TaxLine tax) {
        String plan = subscription.planId().value();
        String product = plan.contains("-") ? plan.substring(0, plan.indexOf('-')) : plan;
        return new InvoiceLine(ProductCode.of(product), "Endpoint Detection & Response",
                subscription.id(), subscription.planId(), periodStart, aMonthAfter(periodStart), 1, amount, amount,
                tax);
    }

    /** The instant a calendar month after {@code start}, in UTC. */
    public static Instant aMonthAfter(Instant start) {
        return start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    /** Dutch VAT of 21 % on {@code subtotal}, rounded half-up to the cent. */
    public static TaxLine dutchVat(MonetaryAmount subtotal) {
        BigDecimal net = subtotal.getNumber().numberValueExact(BigDecimal.class);
        BigDecimal vat = net.multiply(new BigDecimal("0.21")).setScale(2, RoundingMode.HALF_UP);
        return new TaxLine(VatTreatment.DOMESTIC, CountryCode.of("NL"),
                new BigDecimal("21"), Money.of(vat, subtotal.getCurrency()), "");
    }

    /**
     * A draft billing {@code subscription} of {@code company} for the month starting at
     * {@code periodStart}: one line of EUR 49.00 plus 21 % Dutch VAT, built with the canonical
     * constructor as the SDK builds drafts. Drafts are never stored; finalize it first.
     */
    public static Invoice aDraftInvoice(InvoiceId id, Company company, Subscription subscription, Instant periodStart) {
        return Invoice.draftOf(id, company.id(), aSeller(), aBuyer(company),
                List.of(aLine(subscription, periodStart, eur("49.00"))));
    }

    /**
     * An open invoice billing {@code subscription} of {@code company} for the month starting at
     * {@code periodStart}, issued then: see {@link #anInvoice(InvoiceId, Company, Subscription, Instant, Instant)}.
     */
    public static Invoice anInvoice(Company company, Subscription subscription, Instant periodStart) {
        return anInvoice(InvoiceId.random(), company, subscription, periodStart, periodStart);
    }

    /**
     * An open invoice billing the month starting at {@code periodStart}: {@link #aDraftInvoice}
     * finalized by {@link Invoice#finalized} with the next number of {@link #TEST_INVOICE_SERIES},
     * issued at {@code issuedAt}, due {@link #PAYMENT_TERMS} later, its first payment attempt due
     * at issue.
     */
    public static Invoice anInvoice(InvoiceId id, Company company, Subscription subscription, Instant periodStart,
            Instant issuedAt) {
        return aDraftInvoice(id, company, subscription, periodStart).finalized(aTestInvoiceNumber(), issuedAt,
                issuedAt.plus(PAYMENT_TERMS));
    }

    /** The next number of {@link #TEST_INVOICE_SERIES}, unique in this JVM. */
    public static InvoiceNumber aTestInvoiceNumber() {
        return new InvoiceNumber(TEST_INVOICE_SERIES, INVOICE_SEQUENCE.incrementAndGet());
    }

    /** The series of {@link #aTestCreditNoteNumber}. */
    public static final String TEST_CREDIT_NOTE_SERIES = "TESTCN-2026";

    /** The next number of {@link #TEST_CREDIT_NOTE_SERIES}, unique in this JVM. */
    public static InvoiceNumber aTestCreditNoteNumber() {
        return new InvoiceNumber(TEST_CREDIT_NOTE_SERIES, INVOICE_SEQUENCE.incrementAndGet());
    }

    /**
     * A credit note of everything {@code invoice} holds, to the credit balance, issued at
     * {@code issuedAt}, built by the SDK's own rules ({@link Creditable}).
     */
    public static CreditNote aCreditNote(Invoice invoice, Instant issuedAt) {
        return aCreditNote(invoice, CreditRequest.wholeInvoice(invoice, CreditReason.REQUESTED_BY_CUSTOMER,
                CreditDestination.BALANCE), issuedAt);
    }

    /** The credit note {@code request} asks for on {@code invoice}, with no earlier one, issued at {@code issuedAt}. */
    public static CreditNote aCreditNote(Invoice invoice, CreditRequest request, Instant issuedAt) {
        List<CreditNoteLine> lines = Creditable.of(invoice, List.of()).linesFor(request);
        return CreditNote.of(CreditNoteId.random(), aTestCreditNoteNumber(), invoice, lines, request.reason(),
                request.memo(), request.destination(), issuedAt);
    }

    /** A Visa card of {@code company}, not the default, set up at {@code createdAt}. */
    public static PaymentMethod aCard(Company company, Instant createdAt) {
        return new PaymentMethod(PaymentMethodId.random(), company.id(),
                PaymentMethodReference.of("pm_card_" + UUID.randomUUID()),
                new MethodDetails.Card("visa", Last4.of("4242"), 12, 2030), false, createdAt, 0);
    }

    /** A SEPA Direct Debit mandate of {@code company}, set up through iDEAL, the default, at {@code createdAt}. */
    public static PaymentMethod aSepaMandate(Company company, Instant createdAt) {
        return new PaymentMethod(PaymentMethodId.random(), company.id(),
                PaymentMethodReference.of("pm_sepa_" + UUID.randomUUID()),
                new MethodDetails.SepaDebit("ING Bank N.V.", Last4.of("3000"),
                        MandateReference.of("MANDATE-2026-0001"), true),
                true, createdAt, 0);
    }

    /** A card set-up of {@code company} under way, started at {@link #NOW}, without a redirect. */
    public static SetupSession aCardSetup(Company company) {
        SetupId id = SetupId.random();
        return new SetupSession(id, company.id(), SetupKind.CARD, SetupReference.of("seti_" + id),
                ClientSecret.of("seti_" + id + "_secret_Xk9q"),
                null, NOW);
    }

    /**
     * Attempt {@code attempt} to charge {@code invoice}'s total to {@code method} (or to none),
     * started at {@code at} as the SDK starts one: its outcome {@link PaymentStatus#UNKNOWN}
     * until the provider answers.
     */
    public static Payment aPayment(Invoice invoice, int attempt, PaymentMethod method, Instant at) {
        return new Payment(PaymentId.random(), invoice.id(), invoice.companyId(), attempt,
                IdempotencyKey.forAttempt(invoice.id(), attempt), invoice.total(),
                method == null ? null : method.id(), method == null ? null : method.providerReference(),
                PaymentStatus.UNKNOWN, null, null, null, "charge requested", at, at, 0);
    }

    /** A record of a change to {@code companyId} made by one of its own users at {@code at}. */
    public static AuditRecord anAuditRecord(CompanyId companyId, Instant at) {
        return anAuditRecord(companyId, companyId, at);
    }

    /** A record of a change to {@code companyId} made on behalf of {@code onBehalfOf} at {@code at}. */
    public static AuditRecord anAuditRecord(CompanyId onBehalfOf, CompanyId companyId, Instant at) {
        return new AuditRecord(UUID.randomUUID(), at, "admin@acme.example", onBehalfOf, companyId,
                "BillingDetailsChanged", "billing details changed");
    }

    /** A record of a catalog change, which concerns no company, made by the platform. */
    public static AuditRecord aCatalogAuditRecord(Instant at) {
        return new AuditRecord(UUID.randomUUID(), at, AuditRecord.PLATFORM, null, null, "ProductAdded",
                "product edr added");
    }

    /** An event with a new id. */
    public static BillingEvent anEvent(Instant occurredAt) {
        return new MainEmailChanged(UUID.randomUUID(), occurredAt, CompanyId.random());
    }

    /** One event of every type the SDK emits, every optional field set, each with a new id. */
    public static List<BillingEvent> oneEventOfEachType(Instant at) {
        CompanyId company = CompanyId.random();
        SubscriptionId subscription = SubscriptionId.random();
        EnvironmentId environment = EnvironmentId.of("edr-env-42");
        InvoiceId invoice = InvoiceId.random();
        PaymentMethodId paymentMethod = PaymentMethodId.random();
        return List.of(
                new CompanyRegistered(UUID.randomUUID(), at, company, CompanyId.random(), "Acme B.V."),
                new MainEmailChanged(UUID.randomUUID(), at, company),
                new BillingDetailsChanged(UUID.randomUUID(), at, company),
                new CompanyMoved(UUID.randomUUID(), at, company, CompanyId.random(), CompanyId.random()),
                new SubscriptionStarted(UUID.randomUUID(), at, company, subscription, PlanId.of("edr-monthly"),
                        environment, at.plusSeconds(86_400 * 14), at.plusSeconds(86_400 * 365)),
                new CancellationScheduled(UUID.randomUUID(), at, company, subscription, at.plusSeconds(3_600)),
                new CancellationRevoked(UUID.randomUUID(), at, company, subscription),
                new SubscriptionCancelled(UUID.randomUUID(), at, company, subscription, at),
                new SubscriptionDataErased(UUID.randomUUID(), at, company, subscription, environment),
                new SubscriptionReactivated(UUID.randomUUID(), at, company, SubscriptionId.random(), subscription,
                        EnvironmentId.of("edr-env-43")),
                new TrialEnded(UUID.randomUUID(), at, company, subscription),
                new ContractRenewed(UUID.randomUUID(), at, company, subscription, at.plusSeconds(86_400 * 365)),
                new PaymentMethodAdded(UUID.randomUUID(), at, company, paymentMethod, "Visa •••• 4242", true),
                new PaymentMethodRemoved(UUID.randomUUID(), at, company, paymentMethod, "SEPA DE89 •••• 3000"),
                new DefaultPaymentMethodChanged(UUID.randomUUID(), at, company, paymentMethod,
                        "Visa •••• 4242"),
                new InvoiceIssued(UUID.randomUUID(), at, company, invoice, new InvoiceNumber("INV-2026", 42),
                        eur("59.29")),
                new InvoicePaid(UUID.randomUUID(), at, company, invoice, new InvoiceNumber("INV-2026", 42)),
                new InvoiceVoided(UUID.randomUUID(), at, company, invoice, new InvoiceNumber("INV-2026", 42)),
                new InvoiceUncollectible(UUID.randomUUID(), at, company, invoice, new InvoiceNumber("INV-2026", 42)),
                new PaymentSucceeded(UUID.randomUUID(), at, company, invoice, 1, ChargeReference.of("pi_3N9xYz")),
                new PaymentPending(UUID.randomUUID(), at, company, invoice, 2, ChargeReference.of("pi_3N9xYz")),
                new PaymentFailed(UUID.randomUUID(), at, company, invoice, 3, "card_declined",
                        at.plusSeconds(86_400 * 3)),
                new SubscriptionPastDue(UUID.randomUUID(), at, company, subscription, invoice),
                new SubscriptionRecovered(UUID.randomUUID(), at, company, subscription, invoice),
                new PaymentRefunded(UUID.randomUUID(), at, company, invoice, 1, RefundReference.of("re_3N9xYz"),
                        eur("59.29")),
                new PaymentRefundPending(UUID.randomUUID(), at, company, invoice, 1, RefundReference.of("re_3N9xZa"),
                        eur("12.10")),
                new PaymentRefundFailed(UUID.randomUUID(), at, company, invoice, 1, RefundReference.of("re_3N9xZb"),
                        eur("12.10"), "insufficient_funds"),
                new CreditNoteIssued(UUID.randomUUID(), at, company, CreditNoteId.random(),
                        new InvoiceNumber("CN-2026", 7), invoice, new InvoiceNumber("INV-2026", 42), eur("12.10"),
                        CreditDestination.BALANCE),
                new CreditBalanceChanged(UUID.randomUUID(), at, company, eur("-12.10"), eur("0.00"),
                        CreditEntry.Kind.APPLIED, CreditNoteId.random(), invoice),
                new SubscriptionChanged(UUID.randomUUID(), at, company, subscription, PlanId.of("edr-monthly"), 25,
                        PlanId.of("edr-pro-monthly"), 40, at.minusSeconds(1)),
                new ChangeScheduled(UUID.randomUUID(), at, company, subscription, PlanId.of("edr-basic-monthly"), 10,
                        at.plusSeconds(86_400)),
                new ScheduledChangeRevoked(UUID.randomUUID(), at, company, subscription, PlanId.of("edr-basic-monthly"),
                        10, at.plusSeconds(86_400), ScheduledChangeRevoked.Why.REPLACED),
                new PayerChanged(UUID.randomUUID(), at, company, company, CompanyId.random(), PayerChanged.Why.SET),
                new BillingDayChanged(UUID.randomUUID(), at, company, 1, 15),
                new VatNumberChecked(UUID.randomUUID(), at, company, VatNumber.of("DE136695976"), at.minusSeconds(2),
                        VatCheck.Status.VALID, VatCheck.Status.UNAVAILABLE, "WAPIAAAAW1", null),
                new ProductAdded(UUID.randomUUID(), at, ProductCode.of("edr")),
                new PlanAdded(UUID.randomUUID(), at, PlanId.of("edr-monthly"), ProductCode.of("edr")));
    }

    /**
     * Events whose optional fields are {@code null}: a root registered, a subscription without
     * trial or contract, a last payment attempt failed without a code, a refund failed without a
     * reason.
     */
    public static List<BillingEvent> eventsWithEmptyOptionalFields(Instant at) {
        CompanyId company = CompanyId.random();
        return List.of(
                new CompanyRegistered(UUID.randomUUID(), at, company, null, "Acme B.V."),
                new CompanyMoved(UUID.randomUUID(), at, company, null, CompanyId.random()),
                new SubscriptionStarted(UUID.randomUUID(), at, company, SubscriptionId.random(),
                        PlanId.of("edr-monthly"), EnvironmentId.of("edr-env-1"), null, null),
                new PaymentFailed(UUID.randomUUID(), at, company, InvoiceId.random(), 4, null, null),
                new PaymentRefundFailed(UUID.randomUUID(), at, company, InvoiceId.random(), 1,
                        RefundReference.of("re_3N9xZc"), eur("59.29"), null),
                new CreditBalanceChanged(UUID.randomUUID(), at, company, eur("5.00"), eur("5.00"),
                        CreditEntry.Kind.OVERPAYMENT, null, InvoiceId.random()),
                new BillingDayChanged(UUID.randomUUID(), at, company, null, 28));
    }

    /**
     * Text a storage must keep verbatim: quotes, SQL fragments, LIKE wildcards, backslashes,
     * surrounding spaces, letters outside ASCII, emoji with joiners and combining accents. Each
     * is at most 100 characters, so it fits every text field of the model.
     */
    /**
     * Provider references and keys a storage must keep verbatim: quotes, SQL fragments, LIKE
     * wildcards, backslashes, letters outside ASCII, emoji with joiners and combining accents, and
     * the longest a reference may be (255 characters). None has white space, which a reference
     * never has.
     */
    public static Stream<String> trickyReferences() {
        return Stream.of(
                "O'Brien&\"Partners\"<GmbH>",
                "';DROP_TABLE_companies;--",
                "100%_wild_\\back\\slash\\'\\\"",
                "Straße·Łódź·Ærøskøbing·東京都",
                "Cafe\u0301🚀💶👩‍💻🇳🇱",
                "$1${name}{{x}}%s?:param?",
                "x".repeat(254) + "é");
    }

    public static Stream<String> trickyTexts() {
        return Stream.of(
                "O'Brien & \"Partners\" <GmbH>",
                "'; DROP TABLE companies; --",
                "Robert'); DELETE FROM subscriptions WHERE ('1'='1",
                "100% _wild_ \\ back\\slash \\' \\\"",
                "  surrounded by spaces  ",
                "Straße · Łódź · Ærøskøbing · 東京都 · Ελληνικά · עברית",
                "Cafe\u0301 🚀 💶 👩‍💻 🇳🇱",
                "$1 ${name} {{x}} %s ?:param ?");
    }
}
