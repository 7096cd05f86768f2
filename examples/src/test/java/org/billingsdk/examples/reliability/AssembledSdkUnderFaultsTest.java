package org.billingsdk.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupOutcome;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.subscription.CancelResult;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.ReactivateResult;
import org.billingsdk.core.subscription.RemoveCancellationResult;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.MutableClock;
import org.billingsdk.core.testing.RecordingEventSink;
import org.billingsdk.jdbc.DatabaseInvariants;
import org.billingsdk.jdbc.JdbcStorage;
import org.billingsdk.jdbc.SoakKit;
import org.billingsdk.jdbc.TestDatabases;
import org.billingsdk.stripe.LogCapture;
import org.billingsdk.stripe.StripePayments;
import org.billingsdk.stripe.StripeStub.ChargeBehaviour;
import org.billingsdk.stripe.StripeStub.Drop;
import org.billingsdk.stripe.StripeStub.Fault;
import org.billingsdk.stripe.StripeStub.Hang;
import org.billingsdk.stripe.StripeStub.Status;
import org.billingsdk.stripe.StripeStub.When;
import org.billingsdk.stripe.StripeStub;
import org.billingsdk.stripe.WebhookOutcome;
import org.billingsdk.stripe.WebhookRefusedException;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * The reliability suite of issue #7, on the assembled SDK: billing-core on the JDBC storage on a
 * real (embedded) PostgreSQL, paying through the Stripe adapter against its local stub, with
 * slf4j-simple logging as the examples bind it.
 *
 * <p>A bounded soak (in operations and in time): worker threads make random portal operations
 * while two nodes (two pools, two {@code Billing} instances, two Stripe adapters) run the billing
 * run as a shared clock moves forward five days a step, and a bank settles SEPA debits and sends
 * their webhooks (with repeats and forgeries). Meanwhile faults strike: Stripe answers charges with
 * time-outs, 5xx, 429, declines and answers lost after the charge was made; a side thread has
 * PostgreSQL kill the nodes' transactions in their middle; the environments port refuses erasure
 * for a while. Once the faults clear, further runs (and customers paying what ran out of retries)
 * must complete everything, a run repeated at the same time must change nothing, and then:
 * {@link DatabaseInvariants} hold, no invoice is charged twice at Stripe and every invoice is paid,
 * every cancelled subscription's environment is erased and no live one's, every state change has
 * its event ({@link EventCoverage}), and no card number, IBAN or secret is found in the logs
 * captured during the whole suite, in the events, in what was sent to Stripe or in any text column
 * of the database. The suite prints its figures; {@code -Dreliability.seed=N} replays another mix.
 */
class AssembledSdkUnderFaultsTest {

    private static final long SEED = Long.getLong("reliability.seed", 20260707L);
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final int COMPANIES = 24;
    private static final int SUBSCRIPTIONS = 120;
    private static final int WORKERS = 4;
    private static final int STEPS = 12;
    private static final Duration STEP = Duration.ofDays(5);
    private static final int OPERATIONS = 2_400;
    private static final long SOAK_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int RECOVERY_ROUNDS = 8;
    /** Steps whose charges include one that gets no answer until the adapter gives up. */
    private static final Set<Integer> HANG_STEPS = Set.of(2, 4, 6, 8);
    private static final int DECLINES_FROM = 2;
    private static final int DECLINES_UNTIL = 7;
    private static final int ERASURE_DOWN_FROM = 3;
    private static final int ERASURE_DOWN_UNTIL = 7;
    /** Every so many invoice writes, a node's open transactions are killed. */
    private static final int KILL_EVERY = 25;
    private static final Duration READ_TIMEOUT = Duration.ofMillis(1500);
    private static final String CHARGES = "/v1/payment_intents";
    private static final String REFUNDS = "/v1/refunds";
    private static final String NODE_A = "reliability-node-a";
    private static final String NODE_B = "reliability-node-b";

    private static final String API_KEY = "sk_" + "test_" + "51ReliabilitySuiteStubKey0123456789abcdef";
    private static final String WEBHOOK_SECRET = "whsec_" + "ReliabilitySuiteSigning0123456789abcdef";
    private static final String FORGERS_SECRET = "whsec_" + "SomeoneElsesSigning0123456789";

    /** Contracts short enough to renew during the soak. */
    private static final int CONTRACT_MONTHS = 2;
    private static final List<PlanId> PLANS = SoakKit.PLANS;
    private static final List<String> KINDS = List.of("subscribe", "subscribe", "cancel", "cancel",
            "removeScheduledCancellation", "reactivate", "updateBillingDetails", "addCard", "portalView",
            "billingHistory", "invoiceDocument", "refundPart", "payNow");

    private final MutableClock clock = MutableClock.at(START);
    private final RecordingEventSink events = new RecordingEventSink();
    private final ErasureOutage environments = new ErasureOutage();
    private final SensitiveData detector = new SensitiveData(List.of(API_KEY, WEBHOOK_SECRET));
    private StripeStub stub;

    private final List<Company> companies = new ArrayList<>();
    private final Map<CompanyId, List<String>> cards = new ConcurrentHashMap<>();
    private final Map<SubscriptionId, CompanyId> owners = new ConcurrentHashMap<>();
    private final Set<CompanyId> declining = ConcurrentHashMap.newKeySet();

    private final AtomicInteger operations = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger refundsAsked = new AtomicInteger();
    private final AtomicInteger refundsRefused = new AtomicInteger();
    private final AtomicInteger lostRaces = new AtomicInteger();
    private final AtomicInteger cutShort = new AtomicInteger();
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger runsCutShort = new AtomicInteger();
    private final AtomicInteger runFailures = new AtomicInteger();
    private final AtomicInteger webhooks = new AtomicInteger();
    private final AtomicInteger repeats = new AtomicInteger();
    private final AtomicInteger forgeriesRefused = new AtomicInteger();
    private final AtomicInteger eventIds = new AtomicInteger();
    private final AtomicInteger paidAfterLastRetry = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    @Test
    void underFaultsTheAssembledSdkLosesNothingChargesNothingTwiceAndLeaksNothing() throws Exception {
        long began = System.nanoTime();
        List<String> violations = new ArrayList<>();
        Map<String, Integer> faults;
        DatabaseScan database;
        Instant finished;
        DataSource db;
        LogCapture logs = LogCapture.startQuietly();
        try {
            db = TestDatabases.postgres();
            try (StripeStub stripeStub = StripeStub.start(); TransactionKiller killer = new TransactionKiller();
                    HikariDataSource poolA = TestDatabases.secondPostgresPool(NODE_A);
                    HikariDataSource poolB = TestDatabases.secondPostgresPool(NODE_B)) {
                stub = stripeStub;
                StripePayments endpoint = stripe();
                Billing a = node(killer.around(JdbcStorage.forDataSource(poolA), NODE_A), endpoint);
                Billing b = node(killer.around(JdbcStorage.forDataSource(poolB), NODE_B), stripe());
                seed(a, b);

                killer.killEvery(KILL_EVERY);
                soak(db, a, b, endpoint, began);
                killer.killEvery(0);
                stub.clearFaults();
                environments.down(false);
                restoreDeclines();
                finished = recover(db, a, b, endpoint);

                BillingRunReport againA = a.run(finished);
                BillingRunReport againB = b.run(finished);
                runs.addAndGet(2);
                for (BillingRunReport again : List.of(againA, againB)) {
                    if (!didNothing(again)) {
                        violations.add("a run repeated at the same time changed something: " + again);
                    }
                }
                violations.addAll(DatabaseInvariants.violations(db, finished));
                violations.addAll(chargesAtStripe(db));
                violations.addAll(refundsAtStripe(db));
                violations.addAll(erasures(db));
                violations.addAll(EventCoverage.violations(db, events.events(), finished));
                faults = faultsByKind(killer);
                for (StripeStub.Request request : stub.requests()) {
                    violations.addAll(detector.findIn("a request to Stripe (" + request.path() + ")",
                            request.path() + "?" + request.body()));
                }
            }
            for (BillingEvent event : events.events()) {
                violations.addAll(detector.findIn("a " + event.type() + " event", event.toString()));
            }
            database = DatabaseScan.of(db, detector);
            violations.addAll(database.findings());
        } finally {
            logs.close();
        }
        List<String> logLines = logs.lines();
        violations.addAll(detector.findIn("the logs", logs.all()));
        violations.addAll(unexpected);

        long invoices = Sql.count(db, "SELECT count(*) FROM billing_invoice");
        long cancelled = Sql.count(db, "SELECT count(*) FROM billing_subscription WHERE state = 'CANCELLED'");
        List<Integer> chargesPerInvoice = List.copyOf(stub.succeededChargesPerInvoice().values());
        System.out.printf("reliability: operations %d (refusals %d, lost races %d, cut short by a killed"
                + " connection %d), billing runs %d on 2 nodes (cut short %d, failures retried by later runs %d), webhooks %d"
                + " (repeats %d, forgeries refused %d), invoices paid by the customer after the last retry %d%n",
                operations.get(), refusals.get(), lostRaces.get(), cutShort.get(), runs.get(), runsCutShort.get(),
                runFailures.get(), webhooks.get(), repeats.get(), forgeriesRefused.get(), paidAfterLastRetry.get());
        System.out.printf("reliability: credit notes refunding %d (refused %d), refunds %s, failed refunds on the"
                + " balance %d%n", refundsAsked.get(), refundsRefused.get(), Sql.rows(db, "SELECT status, failure_code,"
                + " count(*) AS n FROM billing_refund GROUP BY status, failure_code ORDER BY status, failure_code"), Sql.count(db, "SELECT count(*) FROM"
                + " billing_credit_entry WHERE kind = 'REFUND_FAILED'"));
        System.out.printf("reliability: faults injected: %s%n", String.join(", ", faults.entrySet().stream()
                .map(fault -> fault.getKey() + " " + fault.getValue()).toList()));
        System.out.printf("reliability: charges at Stripe %d (succeeded %d, invoices charged twice %d), invoices %d"
                + " (paid %d), subscriptions %d (cancelled %d), events %d, log lines %d, database values %d in %d text"
                + " columns of %d tables; violations found: %d (seed %d, %.1f s)%n",
                stub.paymentIntents().size(), chargesPerInvoice.stream().mapToInt(Integer::intValue).sum(),
                chargesPerInvoice.stream().filter(n -> n > 1).count(), invoices,
                Sql.count(db, "SELECT count(*) FROM billing_invoice WHERE state = 'PAID'"),
                Sql.count(db, "SELECT count(*) FROM billing_subscription"), cancelled,
                events.events().stream().map(BillingEvent::eventId).distinct().count(), logLines.size(),
                database.values(), database.columns(), database.tables(), violations.size(), SEED,
                (System.nanoTime() - began) / 1e9);

        assertThat(violations).as("violations (seed %d)", SEED).isEmpty();
        assertThat(faults).as("every kind of fault struck").allSatisfy((kind, count) -> assertThat(count).as(kind)
                .isPositive());
        assertThat(invoices).isPositive();
        assertThat(cancelled).isPositive();
        assertThat(forgeriesRefused.get()).isPositive();
        assertThat(logLines).as("the suite's logs were captured").isNotEmpty();
        assertThat(database.values()).as("text values looked through").isPositive();
    }

    // ---------------------------------------------------------------- the assembled SDK

    private StripePayments stripe() {
        return StripePayments.builder()
                .apiKey(API_KEY)
                .apiBase(stub.baseUrl())
                .webhookSecret(WEBHOOK_SECRET)
                .clock(clock)
                .maxWritesPerSecond(10_000)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(READ_TIMEOUT)
                .build();
    }

    private Billing node(Storage storage, StripePayments stripe) {
        return Billing.builder()
                .storage(storage)
                .environments(environments)
                .payments(stripe)
                .seller(BillingFixture.SELLER)
                .events(events)
                .clock(clock)
                .build();
    }

    /**
     * Four plans; companies in five countries (a third are roots, the others somewhere in their
     * trees), each with a card or a SEPA Direct Debit; subscriptions spread over both nodes.
     */
    private void seed(Billing a, Billing b) {
        SoakKit.addCatalog(a, CONTRACT_MONTHS);
        Random random = new Random(SEED);
        companies.addAll(SoakKit.registerTrees(a, COMPANIES, random, c -> details(c, c)));
        for (int c = 0; c < COMPANIES; c++) {
            addMethod(c % 2 == 0 ? a : b, companies.get(c), c % 4 == 3 ? SetupKind.SEPA_DEBIT : SetupKind.CARD, c);
        }
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            Company company = companies.get(i % COMPANIES);
            Subscription subscription = (i % 2 == 0 ? a : b).subscriptions().subscribe(Actor.of(company.id(), "seed"),
                    company.id(), PLANS.get(random.nextInt(PLANS.size())));
            owners.put(subscription.id(), company.id());
        }
    }

    /** Billing details in one of five countries; a Dutch one sometimes with a VAT number. */
    private static BillingDetails details(int company, int variant) {
        BillingDetails.Builder details = BillingDetails.builder();
        switch (variant % 5) {
            case 0 -> details.billingAddress(Address.of("Damrak " + variant, "1012 LG", "Amsterdam", "NL"))
                    .vatNumber(variant % 2 == 0 ? "NL853746333B01" : null);
            case 1 -> details.billingAddress(Address.of("Friedrichstrasse " + variant, "10117", "Berlin", "DE"));
            case 2 -> details.billingAddress(Address.of("Rue de la Loi " + variant, "1040", "Bruxelles", "BE"));
            case 3 -> details.billingAddress(Address.of("Rue de Rivoli " + variant, "75001", "Paris", "FR"));
            default -> details.billingAddress(Address.of("5th Avenue " + variant, "10001", "New York", "US"));
        }
        return details.billingEmail("billing+" + variant + "@c" + company + ".example").build();
    }

    /** Sets up a card or a SEPA Direct Debit method as the customer's browser would with Stripe.js. */
    private void addMethod(Billing node, Company company, SetupKind kind, int n) {
        Actor actor = Actor.of(company.id(), "portal");
        SetupSession setup = node.paymentMethods().startSetup(actor, company.id(), kind);
        String last4 = String.format("%04d", 1000 + n % 9000);
        String reference = kind == SetupKind.CARD
                ? stub.confirmSetupWithCard(setup.providerReference().value(), "visa", last4, 12, 2031)
                : stub.confirmSetupWithSepa(setup.providerReference().value(), "37040044", last4, "M-" + n);
        SetupOutcome outcome = node.paymentMethods().completeSetup(actor, company.id(), setup.id());
        if (!(outcome instanceof SetupOutcome.Added)) {
            throw new IllegalStateException("the set-up did not complete: " + outcome);
        }
        if (kind == SetupKind.CARD) {
            cards.computeIfAbsent(company.id(), id -> new CopyOnWriteArrayList<>()).add(reference);
            if (declining.contains(company.id())) {
                stub.chargesOf(reference, ChargeBehaviour.DECLINE_INSUFFICIENT_FUNDS);
            }
        }
    }

    // ---------------------------------------------------------------- the soak

    private void soak(DataSource db, Billing a, Billing b, StripePayments endpoint, long began) throws Exception {
        Random random = new Random(SEED + 1);
        ExecutorService executor = Executors.newFixedThreadPool(WORKERS + 3);
        try {
            int perWorkerPerStep = OPERATIONS / STEPS / WORKERS;
            for (int step = 1; step <= STEPS && System.nanoTime() - began < SOAK_BUDGET_NANOS; step++) {
                clock.set(START.plus(STEP.multipliedBy(step)));
                Instant now = clock.instant();
                strike(step, random);
                owners.putAll(SoakKit.owners(db));
                List<SubscriptionId> subscriptions = List.copyOf(owners.keySet());
                List<Callable<Void>> tasks = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    Billing node = w % 2 == 0 ? a : b;
                    Random worker = new Random(SEED * 31 + step * 101L + w);
                    tasks.add(() -> {
                        for (int i = 0; i < perWorkerPerStep && System.nanoTime() - began < SOAK_BUDGET_NANOS; i++) {
                            operate(node, worker, subscriptions);
                        }
                        return null;
                    });
                }
                tasks.add(() -> run(a, now));
                tasks.add(() -> run(b, now));
                Random bank = new Random(SEED * 17 + step);
                tasks.add(() -> bank(db, a, endpoint, bank, true));
                SoakKit.runTogether(executor, tasks);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /** The faults of a step: Stripe's answers to the next charges, declining cards, the erasure outage. */
    private void strike(int step, Random random) {
        List<Fault> charges = new ArrayList<>(List.of(new Status(503, "api_error", null, When.BEFORE),
                new Status(429, "invalid_request_error", "rate_limit", When.BEFORE),
                new Status(500, "api_error", null, When.AFTER), new Drop(When.AFTER)));
        if (HANG_STEPS.contains(step)) {
            charges.add(new Hang(step % 4 == 0 ? When.AFTER : When.BEFORE));
        }
        Collections.shuffle(charges, random);
        charges.forEach(fault -> stub.fail("POST", CHARGES, fault));
        List<Fault> refunds = new ArrayList<>(List.of(new Status(503, "api_error", null, When.BEFORE),
                new Status(500, "api_error", null, When.AFTER), new Drop(When.AFTER)));
        if (HANG_STEPS.contains(step)) {
            refunds.add(new Hang(step % 4 == 0 ? When.AFTER : When.BEFORE));
        }
        Collections.shuffle(refunds, random);
        refunds.forEach(fault -> stub.fail("POST", REFUNDS, fault));
        if (step == DECLINES_FROM) {
            for (int c = 0; c < COMPANIES; c += 5) {
                Company company = companies.get(c);
                declining.add(company.id());
                cards.getOrDefault(company.id(), List.of())
                        .forEach(card -> stub.chargesOf(card, ChargeBehaviour.DECLINE_INSUFFICIENT_FUNDS));
            }
        }
        if (step == DECLINES_UNTIL) {
            restoreDeclines();
        }
        environments.down(step >= ERASURE_DOWN_FROM && step < ERASURE_DOWN_UNTIL);
    }

    private void restoreDeclines() {
        for (Company company : companies) {
            if (declining.remove(company.id())) {
                cards.getOrDefault(company.id(), List.of())
                        .forEach(card -> stub.chargesOf(card, ChargeBehaviour.SUCCEED));
            }
        }
    }

    /** One random portal operation by a company, on its own behalf or on a subscription's owner's. */
    private void operate(Billing node, Random random, List<SubscriptionId> subscriptions) {
        Company company = companies.get(random.nextInt(companies.size()));
        Actor self = Actor.of(company.id(), "worker");
        SubscriptionId subscription = subscriptions.get(random.nextInt(subscriptions.size()));
        Actor owner = Actor.of(owners.get(subscription), "worker");
        String kind = KINDS.get(random.nextInt(KINDS.size()));
        operations.incrementAndGet();
        try {
            switch (kind) {
                case "subscribe" -> owners.put(node.subscriptions().subscribe(self, company.id(),
                        PLANS.get(random.nextInt(PLANS.size()))).id(), company.id());
                case "cancel" -> {
                    if (node.subscriptions().cancel(owner, subscription, DataErasure.ACKNOWLEDGED)
                            instanceof CancelResult.Refused) {
                        refusals.incrementAndGet();
                    }
                }
                case "removeScheduledCancellation" -> {
                    if (node.subscriptions().removeScheduledCancellation(owner, subscription)
                            instanceof RemoveCancellationResult.Refused) {
                        refusals.incrementAndGet();
                    }
                }
                case "reactivate" -> {
                    ReactivateResult result = node.subscriptions().reactivate(owner, subscription);
                    if (result instanceof ReactivateResult.Reactivated reactivated) {
                        owners.put(reactivated.subscription().id(), owner.companyId());
                    } else {
                        refusals.incrementAndGet();
                    }
                }
                case "updateBillingDetails" -> node.accounts().updateBillingDetails(self, company.id(),
                        details(companies.indexOf(company), random.nextInt(1000)));
                case "addCard" -> addMethod(node, company, SetupKind.CARD, random.nextInt(9000));
                case "portalView" -> node.subscriptions().active(self, company.id(), Scope.WITH_DESCENDANTS);
                case "billingHistory" -> node.invoices().history(self, company.id(), Scope.WITH_DESCENDANTS,
                        PageRequest.first(20));
                case "refundPart" -> refundPart(node, self, company, random);
                case "invoiceDocument" -> HistoryEntry.invoices(node.invoices().history(self, company.id(),
                        Scope.COMPANY_ONLY, PageRequest.first(5)).items()).stream().findFirst()
                        .ifPresent(invoice -> node.invoices().document(self, invoice.id()));
                default -> HistoryEntry.invoices(node.invoices().history(self, company.id(), Scope.COMPANY_ONLY,
                        PageRequest.first(20)).items()).stream()
                        .filter(invoice -> invoice.state() == InvoiceState.OPEN).map(InvoiceSummary::id).findFirst()
                        .ifPresent(invoice -> node.invoices().payNow(self, invoice));
            }
        } catch (RuntimeException e) {
            failed(kind, e);
        }
    }

    /**
     * A credit note refunding EUR 1.00 and its VAT of one of the company's paid invoices to its
     * card; a third of them the bank takes days over (pending), and settles or returns later.
     */
    private void refundPart(Billing node, Actor self, Company company, Random random) {
        List<InvoiceSummary> paid = HistoryEntry.invoices(node.invoices().history(self, company.id(),
                Scope.COMPANY_ONLY, PageRequest.first(10)).items()).stream()
                .filter(invoice -> invoice.state() == InvoiceState.PAID && !invoice.payments().isEmpty()).toList();
        if (paid.isEmpty()) {
            return;
        }
        InvoiceSummary invoice = paid.get(random.nextInt(paid.size()));
        invoice.payments().stream().filter(payment -> payment.providerReference() != null).findFirst()
                .ifPresent(payment -> {
                    if (random.nextInt(3) == 0) {
                        stub.refundsOf(payment.providerReference().value(), "pending", null);
                    }
                });
        try {
            node.credits().issue(self, invoice.id(), CreditRequest.of(CreditReason.REQUESTED_BY_CUSTOMER,
                    CreditDestination.REFUND, CreditRequest.Line.of(0, Money.of(BigDecimal.ONE, "EUR"))));
            refundsAsked.incrementAndGet();
        } catch (RefusedException e) {
            refundsRefused.incrementAndGet();
        }
    }

    private Void run(Billing node, Instant now) {
        try {
            runFailures.addAndGet(node.run(now).failures());
        } catch (RuntimeException e) {
            if (killedConnection(e)) {
                runsCutShort.incrementAndGet();
            } else {
                unexpected.add("run(" + now + "): " + e);
            }
        }
        runs.incrementAndGet();
        return null;
    }

    /**
     * The bank settles the SEPA debits in progress (while faults strike, a quarter are returned)
     * and Stripe sends their webhooks: every other one during the soak (the billing run asks
     * Stripe about the rest), every one in recovery; some twice, and one forgery each time.
     */
    private Void bank(DataSource db, Billing a, StripePayments endpoint, Random random, boolean faulty) {
        int settled = 0;
        for (JsonObject intent : stub.paymentIntents()) {
            if (!"processing".equals(intent.get("status").getAsString())) {
                continue;
            }
            boolean returned = faulty && random.nextInt(4) == 0;
            JsonObject now = stub.settle(intent.get("id").getAsString(), !returned);
            if (!faulty || settled++ % 2 == 0) {
                deliver(a, endpoint, returned ? "payment_intent.payment_failed" : "payment_intent.succeeded", now,
                        random.nextInt(5) == 0);
            }
        }
        for (String reference : Sql.strings(db, "SELECT reference FROM billing_refund WHERE status = 'PENDING'")) {
            boolean returned = random.nextInt(3) == 0;
            JsonObject refund = stub.updateRefund(reference, returned ? "failed" : "succeeded",
                    returned ? "insufficient_funds" : null);
            if (!faulty || settled++ % 2 == 0) {
                deliver(a, endpoint, "refund.updated", refund, random.nextInt(5) == 0);
            }
        }
        String forged = StripeStub.event("evt_forged" + eventIds.incrementAndGet(), "payment_intent.succeeded",
                new JsonObject());
        try {
            endpoint.webhooks().handle(forged, StripeStub.signature(forged, FORGERS_SECRET, clock.instant()));
            unexpected.add("a forged webhook was accepted");
        } catch (WebhookRefusedException e) {
            forgeriesRefused.incrementAndGet();
        }
        return null;
    }

    private void deliver(Billing a, StripePayments endpoint, String type, JsonObject intent, boolean twice) {
        String payload = StripeStub.event("evt_bank" + eventIds.incrementAndGet(), type, intent);
        String signature = StripeStub.signature(payload, WEBHOOK_SECRET, clock.instant());
        for (int delivery = 0; delivery < (twice ? 2 : 1); delivery++) {
            webhooks.incrementAndGet();
            try {
                WebhookOutcome outcome = endpoint.webhooks().handle(payload, signature);
                if (outcome instanceof WebhookOutcome.PaymentOutcome payment) {
                    a.payments().recordOutcome(payment.idempotencyKey(), payment.outcome());
                } else if (outcome instanceof WebhookOutcome.RefundUpdated refund) {
                    a.payments().recordRefundOutcome(refund.chargeKey(), refund.refundKey(), refund.outcome());
                } else if (outcome instanceof WebhookOutcome.Duplicate) {
                    repeats.incrementAndGet();
                } else {
                    unexpected.add("a " + type + " webhook was " + outcome);
                }
            } catch (RuntimeException e) {
                failed("webhook", e);
            }
        }
    }

    private void failed(String kind, RuntimeException e) {
        if (e instanceof ConcurrentUpdateException) {
            lostRaces.incrementAndGet();
        } else if (killedConnection(e)) {
            cutShort.incrementAndGet();
        } else {
            unexpected.add(kind + " at " + clock.instant() + ": " + e);
        }
    }

    /** Whether a failure comes from a connection PostgreSQL terminated (57P01) or lost since (08xxx). */
    private static boolean killedConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("57P01") || sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- recovery

    /**
     * After the faults: runs on both nodes two hours later (answers lost are reconciled), then
     * every two days; each round the bank settles what is in progress and customers pay invoices
     * that ran out of retries, until nothing is left to do.
     *
     * @return when the last round ran
     */
    private Instant recover(DataSource db, Billing a, Billing b, StripePayments endpoint) throws Exception {
        Instant now = clock.instant();
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= RECOVERY_ROUNDS; round++) {
                now = now.plus(round == 1 ? Duration.ofHours(2) : Duration.ofDays(2));
                clock.set(now);
                Instant at = now;
                SoakKit.runTogether(nodes, List.of(() -> run(a, at), () -> run(b, at)));
                for (Map<String, Object> invoice : Sql.rows(db, "SELECT id, company_id FROM billing_invoice"
                        + " WHERE state = 'OPEN' AND next_payment_at IS NULL")) {
                    Actor customer = Actor.of(CompanyId.of(invoice.get("company_id").toString()), "customer");
                    a.invoices().payNow(customer, InvoiceId.of(invoice.get("id").toString()));
                    paidAfterLastRetry.incrementAndGet();
                }
                bank(db, a, endpoint, new Random(SEED + round), false);
                if (nothingLeft(db, now)) {
                    break;
                }
            }
        } finally {
            nodes.shutdownNow();
        }
        return now;
    }

    private boolean nothingLeft(DataSource db, Instant now) {
        return Sql.count(db, "SELECT count(*) FROM billing_invoice WHERE state = 'OPEN'") == 0
                && Sql.count(db, "SELECT count(*) FROM billing_payment WHERE status IN ('UNKNOWN', 'PENDING')") == 0
                && Sql.count(db, "SELECT count(*) FROM billing_refund WHERE status IN ('REQUESTED', 'PENDING')") == 0
                && Sql.count(db, "SELECT count(*) FROM billing_subscription WHERE erasure = 'PENDING'"
                        + " OR next_due_at <= ?", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)) == 0;
    }

    private static boolean didNothing(BillingRunReport report) {
        return report.trialsEnded() == 0 && report.contractsRenewed() == 0 && report.cancellationsTakenEffect() == 0
                && report.invoicesIssued() == 0 && report.paymentsSucceeded() == 0 && report.paymentsFailed() == 0
                && report.paymentsOutstanding() == 0 && report.erasuresConfirmed() == 0 && report.erasuresPending() == 0
                && report.failures() == 0;
    }

    // ---------------------------------------------------------------- checks

    /** At most one succeeded charge per invoice at Stripe, exactly for the paid ones, and every invoice paid. */
    private List<String> chargesAtStripe(DataSource db) {
        List<String> found = new ArrayList<>();
        Map<String, Integer> charges = stub.succeededChargesPerInvoice();
        DatabaseInvariants.check(found, "a company with more than one customer at Stripe",
                stub.customersPerCompany().values().stream().filter(n -> n > 1).count());
        DatabaseInvariants.check(found, "an invoice charged more than once at Stripe",
                charges.values().stream().filter(n -> n > 1).count());
        Set<String> paid = new HashSet<>(Sql.strings(db, "SELECT id FROM billing_invoice WHERE state = 'PAID'"));
        DatabaseInvariants.check(found, "a paid invoice without a succeeded charge at Stripe",
                paid.stream().filter(id -> !charges.containsKey(id)).count());
        DatabaseInvariants.check(found, "a succeeded charge at Stripe for an invoice that is not paid",
                charges.keySet().stream().filter(id -> !paid.contains(id)).count());
        List<Map<String, Object>> unpaid = Sql.rows(db, "SELECT i.sequence_number, i.state, i.next_payment_at,"
                + " (SELECT string_agg(p.attempt || ' ' || p.status || ' ' || coalesce(p.failure_code, '') || ' '"
                + " || coalesce(p.message, ''), '; ' ORDER BY p.attempt) FROM billing_payment p"
                + " WHERE p.invoice_id = i.id) AS attempts FROM billing_invoice i WHERE i.state <> 'PAID'");
        DatabaseInvariants.check(found, "an invoice not paid once the faults cleared (such as "
                + unpaid.subList(0, Math.min(2, unpaid.size())) + ")", unpaid.size());
        return found;
    }

    /**
     * Every refund a credit note asked for made once at Stripe under its own key (none when Stripe
     * refused it before making one), none left unanswered or under way, no charge refunded beyond what
     * it took, and each failed refund's amount on the credit balance exactly once.
     */
    private List<String> refundsAtStripe(DataSource db) {
        List<String> found = new ArrayList<>();
        int notOnce = 0;
        int failedButMade = 0;
        for (Map<String, Object> refund : Sql.rows(db,
                "SELECT idempotency_key, reference, status FROM billing_refund")) {
            List<JsonObject> made = stub.refundsUnder(refund.get("idempotency_key").toString());
            if (made.size() != (refund.get("reference") == null ? 0 : 1)) {
                notOnce++;
            }
            boolean failedAtStripe = made.stream().allMatch(r -> List.of("failed", "canceled")
                    .contains(r.get("status").getAsString()));
            if ("FAILED".equals(refund.get("status")) != failedAtStripe) {
                failedButMade++;
            }
        }
        DatabaseInvariants.check(found, "a refund recorded failed that Stripe made, or made that Stripe failed",
                failedButMade);
        DatabaseInvariants.check(found, "a credit note's refund not made exactly once at Stripe under its key",
                notOnce);
        DatabaseInvariants.check(found, "a refund left unanswered or under way once the faults cleared",
                Sql.count(db, "SELECT count(*) FROM billing_refund WHERE status IN ('REQUESTED', 'PENDING')"));
        int overRefunded = 0;
        for (Map<String, Object> payment : Sql.rows(db, "SELECT idempotency_key, amount FROM billing_payment"
                + " WHERE status = 'SUCCEEDED'")) {
            long cents = stub.refundsOfCharge(payment.get("idempotency_key").toString()).stream()
                    .filter(refund -> !List.of("failed", "canceled").contains(refund.get("status").getAsString()))
                    .mapToLong(refund -> refund.get("amount").getAsLong()).sum();
            if (cents > new BigDecimal(payment.get("amount").toString()).movePointRight(2).longValueExact()) {
                overRefunded++;
            }
        }
        DatabaseInvariants.check(found, "a charge refunded at Stripe beyond what it took", overRefunded);
        DatabaseInvariants.check(found, "a failed refund whose amount is not on the balance exactly once",
                Sql.count(db, "SELECT count(*) FROM billing_refund r WHERE r.status = 'FAILED' AND (SELECT count(*)"
                        + " FROM billing_credit_entry e WHERE e.credit_note_id = r.credit_note_id"
                        + " AND e.kind = 'REFUND_FAILED') <> 1"));
        return found;
    }

    /** Every cancelled subscription's environment erased by the port, no live one's. */
    private List<String> erasures(DataSource db) {
        List<String> found = new ArrayList<>();
        Set<EnvironmentId> erased = new HashSet<>(environments.environments().erased());
        Set<EnvironmentId> live = new HashSet<>();
        Set<EnvironmentId> cancelled = new HashSet<>();
        for (Map<String, Object> row : Sql.rows(db, "SELECT environment_id, state FROM billing_subscription")) {
            EnvironmentId environment = EnvironmentId.of(row.get("environment_id").toString());
            ("CANCELLED".equals(row.get("state")) ? cancelled : live).add(environment);
        }
        DatabaseInvariants.check(found, "a cancelled subscription whose environment the port never erased",
                cancelled.stream().filter(environment -> !erased.contains(environment)).count());
        DatabaseInvariants.check(found, "the environment of a live subscription erased",
                live.stream().filter(erased::contains).count());
        return found;
    }

    /** How many faults of each kind struck. */
    private Map<String, Integer> faultsByKind(TransactionKiller killer) {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        List.of("Stripe time-outs", "Stripe 5xx", "Stripe 429", "Stripe answers lost after the charge")
                .forEach(kind -> kinds.put(kind, 0));
        for (Fault fault : stub.faultsStruck()) {
            String kind = fault instanceof Hang ? "Stripe time-outs"
                    : fault instanceof Status status && status.status() == 429 ? "Stripe 429"
                    : fault instanceof Status status && status.when() == When.BEFORE ? "Stripe 5xx"
                    : "Stripe answers lost after the charge";
            kinds.merge(kind, 1, Integer::sum);
        }
        kinds.put("declines and returned debits", (int) stub.paymentIntents().stream()
                .filter(intent -> "requires_payment_method".equals(intent.get("status").getAsString())).count());
        kinds.put("connections killed mid-transaction", killer.killed());
        kinds.put("erasures refused", environments.refused());
        return kinds;
    }
}
