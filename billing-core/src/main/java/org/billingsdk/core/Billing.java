package org.billingsdk.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.billingsdk.core.audit.AuditTrail;
import org.billingsdk.core.catalog.Catalog;
import org.billingsdk.core.change.SubscriptionChanges;
import org.billingsdk.core.company.Accounts;
import org.billingsdk.core.credit.CancellationCredit;
import org.billingsdk.core.credit.Credits;
import org.billingsdk.core.history.HtmlInvoiceRenderer;
import org.billingsdk.core.history.Invoices;
import org.billingsdk.core.internal.AccountsService;
import org.billingsdk.core.internal.AuditTrailService;
import org.billingsdk.core.internal.BillingRunner;
import org.billingsdk.core.internal.CatalogService;
import org.billingsdk.core.internal.ChangeCommands;
import org.billingsdk.core.internal.Charging;
import org.billingsdk.core.internal.Context;
import org.billingsdk.core.internal.CreditsService;
import org.billingsdk.core.internal.Customers;
import org.billingsdk.core.internal.EventRelay;
import org.billingsdk.core.internal.InputValidator;
import org.billingsdk.core.internal.InvoicesService;
import org.billingsdk.core.internal.Invoicing;
import org.billingsdk.core.internal.Lifecycle;
import org.billingsdk.core.internal.OutcomeRecording;
import org.billingsdk.core.internal.PaymentMethodsService;
import org.billingsdk.core.internal.PaymentsService;
import org.billingsdk.core.internal.PortalQueries;
import org.billingsdk.core.internal.Renderers;
import org.billingsdk.core.internal.SubscriptionCommands;
import org.billingsdk.core.invoice.DocumentFormat;
import org.billingsdk.core.invoice.Seller;
import org.billingsdk.core.payment.BillingTerms;
import org.billingsdk.core.payment.PaymentMethods;
import org.billingsdk.core.payment.Payments;
import org.billingsdk.core.port.EventSink;
import org.billingsdk.core.port.InvoiceRenderer;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.port.VatNumberVerifier;
import org.billingsdk.core.subscription.CancellationTiming;
import org.billingsdk.core.subscription.Subscriptions;
import org.billingsdk.core.tax.UnverifiedVatPolicy;
import org.billingsdk.core.tax.VatRates;

/**
 * The SDK's entry point: build it once with the ports and a clock, then call it from any number
 * of threads. Thread-safe.
 *
 * <pre>{@code
 * Billing billing = Billing.builder()
 *         .storage(InMemoryStorage.create())             // or JdbcStorage.forDataSource(dataSource)
 *         .environments(myEnvironments)                  // the host's ProductEnvironments
 *         .payments(new SimulatedPaymentProvider())      // or the Stripe adapter's StripePayments
 *         .seller(Seller.of("ACME Security B.V.",
 *                 Address.of("Herengracht 1", "1015 BA", "Amsterdam", "NL"),
 *                 VatNumber.of("NL853746333B01")))
 *         .events(event -> log.info("{}", event))        // optional: dropped by default
 *         .clock(Clock.systemUTC())                      // optional: the system clock by default
 *         .build();
 *
 * Actor alice = Actor.of(companyId, "alice@acme.example");
 * List<SubscriptionView> rows = billing.subscriptions().active(alice, companyId, Scope.WITH_DESCENDANTS);
 * }</pre>
 *
 * <p>The storage, the environments, the payment provider and the seller are required;
 * {@link Builder#build()} throws {@code NullPointerException} without them.
 *
 * <p>Days and months are counted in UTC. Every change is atomic in the storage, emits a domain
 * event to the {@link EventSink} (at least once) and leaves an audit record.
 */
public final class Billing {

    /** How many charges the billing run has in flight at once on a node unless the builder says otherwise. */
    public static final int DEFAULT_CHARGES_IN_FLIGHT = 32;

    /** How long a charge is waited for at most unless the builder says otherwise: 5 minutes. */
    public static final Duration DEFAULT_CHARGE_TIMEOUT = Duration.ofMinutes(5);

    private final Accounts accounts;
    private final Catalog catalog;
    private final Subscriptions subscriptions;
    private final SubscriptionChanges changes;
    private final PaymentMethods paymentMethods;
    private final Invoices invoices;
    private final Credits credits;
    private final Payments payments;
    private final AuditTrail audit;
    private final BillingRunner runner;
    private final Set<DocumentFormat> documentFormats;

    private Billing(Builder builder) {
        Storage storage = Objects.requireNonNull(builder.storage, "storage is required");
        ProductEnvironments environments = Objects.requireNonNull(builder.environments, "environments are required");
        PaymentProvider payments = Objects.requireNonNull(builder.payments, "payments are required");
        Seller seller = Objects.requireNonNull(builder.seller, "the seller is required");
        Context context = new Context(storage, environments, payments, seller, builder.vatRates,
                builder.vatNumberVerifier, builder.unverifiedVatPolicy, builder.terms, builder.clock,
                builder.cancellationTiming, InputValidator.create(), new EventRelay(storage, builder.events));
        Invoicing invoicing = new Invoicing(context);
        Lifecycle lifecycle = new Lifecycle(context, invoicing);
        Customers customers = new Customers(context);
        OutcomeRecording outcomes = new OutcomeRecording(context, lifecycle);
        Charging charging = new Charging(context, customers, outcomes, builder.chargesInFlight,
                builder.chargeTimeout);
        this.catalog = new CatalogService(context);
        Renderers renderers = new Renderers(builder.invoiceRenderer, builder.renderers);
        this.documentFormats = renderers.formats();
        CreditsService credits = new CreditsService(context, outcomes, renderers);
        this.credits = credits;
        AccountsService accountsService = new AccountsService(context, customers, invoicing, credits);
        this.accounts = accountsService;
        this.subscriptions = new SubscriptionCommands(context, lifecycle, invoicing, charging,
                new PortalQueries(context), credits, builder.cancellationCredit);
        this.changes = new ChangeCommands(context, lifecycle, invoicing, charging, credits);
        this.paymentMethods = new PaymentMethodsService(context, customers);
        this.invoices = new InvoicesService(context, invoicing, charging, outcomes, renderers);
        this.payments = new PaymentsService(context, outcomes, credits);
        this.audit = new AuditTrailService(context);
        this.runner = new BillingRunner(context, lifecycle, charging, credits, accountsService,
                builder.billingRunWorkers);
    }

    /**
     * {@return the formats documents can be downloaded in: those with a renderer registered,
     * {@link DocumentFormat#HTML} at least} A portal offers these as download choices.
     */
    public Set<DocumentFormat> documentFormats() {
        return documentFormats;
    }

    /** {@return a new builder, with the defaults each of its setters names} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the operations on companies: their hierarchy, account and billing details} */
    public Accounts accounts() {
        return accounts;
    }

    /** {@return the operations on products and plans} */
    public Catalog catalog() {
        return catalog;
    }

    /**
     * {@return the operations on subscriptions} Subscribe, cancel, remove a scheduled cancellation,
     * reactivate, and the portal's list.
     */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /**
     * {@return the changes of plan and quantity} Upgrades, downgrades and seats on the same product,
     * now (prorated) or scheduled, their previews, and revoking a scheduled change; a change keeps
     * the subscription and its data.
     */
    public SubscriptionChanges changes() {
        return changes;
    }

    /**
     * {@return the operations on payment methods} Cards and SEPA Direct Debit (also through iDEAL):
     * set up, make default, remove.
     */
    public PaymentMethods paymentMethods() {
        return paymentMethods;
    }

    /**
     * {@return the operations on invoices} Billing history, invoice detail and documents, previews,
     * paying now, voiding.
     */
    public Invoices invoices() {
        return invoices;
    }

    /**
     * {@return the operations on credit} Credit notes on issued invoices, and the companies' credit
     * balances, which the next invoices use before they are charged.
     */
    public Credits credits() {
        return credits;
    }

    /**
     * {@return where the payment outcomes the provider reports later (webhooks) go} SEPA
     * settlements and returns.
     */
    public Payments payments() {
        return payments;
    }

    /** {@return the audit trail: who changed what, on behalf of which company, and when} */
    public AuditTrail audit() {
        return audit;
    }

    /**
     * Does everything due by {@code now}: trials that end (and their first invoice), contracts
     * that renew, billing periods that start (invoiced in advance), scheduled cancellations that
     * take effect (with their data erasure), payments due (first attempts, retries on the
     * configured schedule, reconciliation of pending and unknown outcomes), erasures still pending,
     * and events not yet delivered. Idempotent: a second run for the same {@code now} changes
     * nothing. Safe to call from a scheduler on several nodes at once: no period is invoiced twice.
     *
     * <p>A subscription or invoice that fails is logged, counted in the report's failures and tried
     * again by the next run; the run goes on with the others.
     *
     * <p>The events of each page of subscriptions are delivered by a thread the run starts for it
     * while the next pages are worked on, so that a slow {@link EventSink} does not hold up
     * billing; the others on the thread that made them. Before it returns, the run delivers what
     * is left, unless another thread of the node is delivering at that moment: that one delivers
     * them. An {@code Error} the sink throws stops the run at its next page and reaches the caller.
     *
     * <p>An interrupt of the calling thread (a host shutting down) stops the run once the pages in
     * progress are done: it returns what it did, with the interrupt kept, and the next run does
     * the rest (the events not delivered yet included). Charges the interrupt catches in flight
     * are not waited for; their attempts stay claimed under their keys and are reconciled by a
     * later run, never charged twice. What the interrupt finds not yet claimed stays due.
     *
     * @param now the time to bring everything up to, usually the clock's; not null
     * @return what the run did
     */
    public BillingRunReport run(Instant now) {
        return run(now, report -> { });
    }

    /**
     * {@link #run(Instant)}, telling {@code progress} what the run has done so far after each
     * page of work (up to a thousand subscriptions or invoices), one call at a time, on the thread that
     * did the page (a {@linkplain Builder#billingRunWorkers worker}'s, or the caller's): for a
     * progress line in a long run. The last report it sees may be followed by the final delivery of events.
     *
     * @param now the time to bring everything up to; not null
     * @param progress told the counts so far after each page that had work; not null. An exception
     *     it throws ends the run and reaches the caller
     * @return what the run did, in total
     */
    public BillingRunReport run(Instant now, Consumer<BillingRunReport> progress) {
        return runner.run(Objects.requireNonNull(now, "now"), Objects.requireNonNull(progress, "progress"));
    }

    /** Builds a {@link Billing}; not thread-safe, use it once. */
    public static final class Builder {
        private Storage storage;
        private ProductEnvironments environments;
        private PaymentProvider payments;
        private Seller seller;
        private VatRates vatRates = VatRates.euStandardRates();
        private VatNumberVerifier vatNumberVerifier;
        private UnverifiedVatPolicy unverifiedVatPolicy = UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED;
        private BillingTerms terms = BillingTerms.defaults();
        private InvoiceRenderer invoiceRenderer = new HtmlInvoiceRenderer();
        private final Map<DocumentFormat, InvoiceRenderer> renderers = new EnumMap<>(
                Map.of(DocumentFormat.HTML, new HtmlInvoiceRenderer()));
        private EventSink events = EventSink.discarding();
        private Clock clock = Clock.systemUTC();
        private CancellationTiming cancellationTiming = CancellationTiming.IMMEDIATE;
        private CancellationCredit cancellationCredit = CancellationCredit.NONE;
        private int billingRunWorkers = 1;
        private int chargesInFlight = DEFAULT_CHARGES_IN_FLIGHT;
        private Duration chargeTimeout = DEFAULT_CHARGE_TIMEOUT;

        private Builder() {
        }

        /**
         * Where aggregates are kept; required.
         *
         * @param storage the storage, such as {@code InMemoryStorage.create()} or the JDBC adapter's; not null
         * @return this builder
         */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /**
         * The host's product environments: provisioned on subscribe, erased on cancellation; required.
         *
         * @param environments the host's implementation; not null
         * @return this builder
         */
        public Builder environments(ProductEnvironments environments) {
            this.environments = Objects.requireNonNull(environments, "environments");
            return this;
        }

        /**
         * The payment provider: customers, payment methods and charges; required.
         *
         * @param payments the provider's adapter, such as the Stripe adapter or a
         *     {@code SimulatedPaymentProvider}; not null
         * @return this builder
         */
        public Builder payments(PaymentProvider payments) {
            this.payments = Objects.requireNonNull(payments, "payments");
            return this;
        }

        /**
         * Who sells: printed on invoices; its country decides the VAT treatment; required.
         *
         * @param seller the seller, established in an EU member state; not null
         * @return this builder
         */
        public Builder seller(Seller seller) {
            this.seller = Objects.requireNonNull(seller, "seller");
            return this;
        }

        /**
         * The VAT rates; {@link VatRates#euStandardRates()} by default.
         *
         * @param rates the rates, including one for the seller's country; not null
         * @return this builder
         */
        public Builder vatRates(VatRates rates) {
            this.vatRates = Objects.requireNonNull(rates, "rates");
            return this;
        }

        /**
         * Payment terms, retry schedule and what follows the last failure;
         * {@link BillingTerms#defaults()} by default.
         *
         * @param terms the terms; not null
         * @return this builder
         */
        public Builder terms(BillingTerms terms) {
            this.terms = Objects.requireNonNull(terms, "terms");
            return this;
        }

        /**
         * How documents are rendered when no format is asked for ({@code Invoices.document(actor,
         * id)}); {@link HtmlInvoiceRenderer} by default. It does not change what each
         * {@link DocumentFormat} is rendered by ({@link #renderer(DocumentFormat, InvoiceRenderer)}).
         *
         * @param renderer the renderer; not null
         * @return this builder
         */
        public Builder invoiceRenderer(InvoiceRenderer renderer) {
            this.invoiceRenderer = Objects.requireNonNull(renderer, "renderer");
            return this;
        }

        /**
         * Renders invoices and credit notes in {@code format} with {@code renderer}, for
         * {@code Invoices.document(actor, id, format)} and {@code Credits.document(actor, id,
         * format)}; replaces the one registered for it before. {@link DocumentFormat#HTML} is
         * registered with {@link HtmlInvoiceRenderer} by default; the other formats have none until
         * registered (an adapter such as {@code billing-documents-adapter} provides them).
         *
         * @param format the format; not null
         * @param renderer what renders it; not null
         * @return this builder
         */
        public Builder renderer(DocumentFormat format, InvoiceRenderer renderer) {
            renderers.put(Objects.requireNonNull(format, "format"), Objects.requireNonNull(renderer, "renderer"));
            return this;
        }

        /**
         * Where domain events go, at least once; by default they are dropped.
         *
         * @param events the sink; not null. It may see an event again and should ignore repeats by
         *     event id
         * @return this builder
         */
        public Builder events(EventSink events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /**
         * The clock every operation reads its time from; {@link Clock#systemUTC()} by default.
         *
         * @param clock the clock; not null. Its zone does not matter: days and months are counted in UTC
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * When a cancellation without a trial or a running contract takes effect;
         * {@link CancellationTiming#IMMEDIATE} by default.
         *
         * @param timing the timing; not null
         * @return this builder
         */
        public Builder cancellationTiming(CancellationTiming timing) {
            this.cancellationTiming = Objects.requireNonNull(timing, "timing");
            return this;
        }

        /**
         * Verifies buyers' EU VAT numbers with the tax authorities' register (VIES), so that only a
         * number found valid is reverse-charged. It is asked when a company's number is given or
         * changed ({@code Accounts.updateBillingDetails}), when the host asks
         * ({@code Accounts.checkVatNumber}), and by the billing run for every number whose last check
         * found the register unavailable; the answer is kept on the company ({@code Company.vatCheck()})
         * as evidence, with a {@code VatNumberChecked} event. Without one (the default), any
         * well-formed EU number of the buyer's country is reverse-charged, as the host then vouches
         * for it.
         *
         * @param verifier the verifier, such as billing-vies-adapter's {@code ViesVatNumberVerifier}
         * @return this builder
         */
        public Builder vatNumberVerifier(VatNumberVerifier verifier) {
            this.vatNumberVerifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /**
         * What an EU business buyer's VAT number counts as while the register has not confirmed it
         * (not asked yet, or unavailable), with a {@linkplain #vatNumberVerifier verifier};
         * {@link UnverifiedVatPolicy#CHARGE_VAT_UNTIL_VERIFIED} by default.
         *
         * @param policy the policy; not null
         * @return this builder
         */
        public Builder unverifiedVatPolicy(UnverifiedVatPolicy policy) {
            this.unverifiedVatPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * What an immediate cancellation gives back of the period already invoiced;
         * {@link CancellationCredit#NONE} by default. With {@link CancellationCredit#PRORATED},
         * the unused part of the period is credited by a credit note (reason
         * {@code CANCELLATION}) to the credit balance, or against what the invoice still owes.
         *
         * @param credit the policy; not null
         * @return this builder
         */
        public Builder cancellationCredit(CancellationCredit credit) {
            this.cancellationCredit = Objects.requireNonNull(credit, "credit");
            return this;
        }

        /**
         * How many threads of this node bring subscriptions up to date during a
         * {@linkplain Billing#run(Instant) billing run}; 1 by default, the caller's thread. With
         * more, the workers take the node's pages of due subscriptions one after the other (each
         * page claimed as on one thread, so other nodes still skip it) and write them in
         * transactions of their own: on a database that leaves cores idle while one connection
         * writes, a run then goes faster. Invoice numbers stay gapless: a page's transaction
         * holds the number series from taking its block of numbers until it commits, so that part
         * of the workers' transactions runs one at a time. {@code InMemoryStorage} runs one transaction at a time
         * and gains nothing. A worker charges its page's payments outside any transaction, as many
         * at once as {@link #chargesInFlight} allows. The rest of
         * the run (retries, reconciliations, erasures) stays on the caller's thread.
         *
         * @param workers from 1 to 64; a database storage uses up to one connection per worker
         * @return this builder
         * @throws IllegalArgumentException if {@code workers} is outside 1 to 64
         */
        public Builder billingRunWorkers(int workers) {
            if (workers < 1 || workers > 64) {
                throw new IllegalArgumentException("billingRunWorkers must be from 1 to 64, not " + workers);
            }
            this.billingRunWorkers = workers;
            return this;
        }

        /**
         * How many charges the billing run may have in flight at once on this node, whatever its
         * number of workers; {@value Billing#DEFAULT_CHARGES_IN_FLIGHT} by default. Each batch of
         * claimed attempts (a page's first attempts, the retries due) is charged on up to this many
         * threads outside any transaction, a company's charges one after the other (its customer
         * at the provider is made once), every call waiting for the pace of the provider's
         * {@link PaymentProvider#chargesPerSecond()}; the outcomes are recorded in one transaction
         * per batch. The calls needed to reach a provider's limit are its rate times its answer
         * time: 80 a second at 300 ms is 24, so the default leaves room; the declared rate keeps
         * them below the limit. 1 makes one call after the other. A call interrupted, or
         * unanswered within the {@linkplain #chargeTimeout time-out}, stays claimed under its key
         * and is reconciled by a later run; nothing is charged twice.
         *
         * @param inFlight from 1 to 256
         * @return this builder
         * @throws IllegalArgumentException if {@code inFlight} is outside 1 to 256
         */
        public Builder chargesInFlight(int inFlight) {
            if (inFlight < 1 || inFlight > 256) {
                throw new IllegalArgumentException("chargesInFlight must be from 1 to 256, not " + inFlight);
            }
            this.chargesInFlight = inFlight;
            return this;
        }

        /**
         * How long a charge is waited for at most ({@link #DEFAULT_CHARGE_TIMEOUT} by default): a
         * provider that hangs past its own time-outs does not hold the billing run. A charge that
         * outlasts it is left to end on its own thread, and a new thread takes its place; its
         * attempt, and those of its company's later invoices in the same batch, stay claimed
         * under their keys and are reconciled by a later run after
         * {@link BillingTerms#RECONCILE_UNKNOWN_AFTER}. Set it above the provider's own time-outs
         * and retries (the Stripe adapter's connect and read time-outs and its back-offs on 429).
         *
         * <p>The time-out counts from when the call begins, not the time it waits for a thread or
         * for its turn at the provider's rate. An abandoned call is not cut short: if it never
         * ends, its thread stays (the node then makes up to {@link #chargesInFlight} such
         * replacements, and has fewer calls in flight beyond), and a reconciliation may ask the
         * provider under the same key while it is still in flight, which the key makes harmless.
         * Its late answer is not recorded; the reconciliation finds it.
         *
         * @param timeout from 1 millisecond to {@link BillingTerms#RECONCILE_UNKNOWN_AFTER}, so that
         *     no attempt is reconciled while its charge is still waited for
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is outside that range
         * @throws NullPointerException if {@code timeout} is null
         */
        public Builder chargeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.compareTo(Duration.ofMillis(1)) < 0
                    || timeout.compareTo(BillingTerms.RECONCILE_UNKNOWN_AFTER) > 0) {
                throw new IllegalArgumentException("chargeTimeout must be from 1 ms to "
                        + BillingTerms.RECONCILE_UNKNOWN_AFTER + ", not " + timeout);
            }
            this.chargeTimeout = timeout;
            return this;
        }

        /**
         * Builds the SDK from what was set.
         *
         * @return the SDK, ready for use from any number of threads
         * @throws NullPointerException if the storage, the environments, the payments or the seller are missing
         * @throws IllegalArgumentException if the seller is not in an EU member state with a known VAT rate
         */
        public Billing build() {
            return new Billing(this);
        }
    }
}
