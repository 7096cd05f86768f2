package org.billingsdk.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Last4;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupReference;
import org.billingsdk.core.port.PaymentProvider;

/**
 * The payment port on Stripe, through the official stripe-java: customers kept in step with the
 * companies' profiles, cards and SEPA Direct Debit (directly or through iDEAL) set up with
 * SetupIntents for off-session use, and invoices charged with off-session PaymentIntents under the
 * core's idempotency keys. Build one with {@link #builder()} and hand it to
 * {@code Billing.builder().payments(...)}; receive Stripe's webhooks with {@link #webhooks()}.
 *
 * <p>Thread-safe: one instance serves every thread (the HTTP client underneath is shared).
 *
 * <p>Charges never throw for a decline, a time-out or a server error; they answer a
 * {@link ChargeOutcome}:
 * <ul>
 * <li>{@code succeeded} is {@link ChargeOutcome.Succeeded}; {@code processing} (SEPA Direct Debit
 * settles days later) is {@link ChargeOutcome.Pending};</li>
 * <li>a card error, {@code requires_payment_method}, {@code requires_action} (no customer to
 * authenticate) or a refused request is {@link ChargeOutcome.Declined} with Stripe's decline
 * code as its {@link org.billingsdk.core.payment.DeclineCode}: the error's {@code decline_code},
 * else its {@code code}, else {@code payment_failed} ({@code authentication_required} and
 * {@code canceled} for those statuses); a code Stripe gives that is no valid {@code DeclineCode}
 * (blank, white space, over 255 characters) is passed over the same way, so a decline always has
 * a code;</li>
 * <li>no answer (network error, time-out, dropped connection), a 5xx, a 409, an unreadable answer,
 * or HTTP 429 answers that outlast the retries is {@link ChargeOutcome.Unknown}: the core asks
 * again later under the same key, and the adapter first looks the key up among the customer's
 * PaymentIntents, so the invoice is charged at most once even after Stripe has forgotten the
 * key (24 hours).</li>
 * </ul>
 * The other operations throw {@link StripeAdapterException} when Stripe cannot be reached or
 * refuses; billing-core wraps that in its {@code PortException}. Every operation may throw
 * {@link StripeAdapterException} for a rejected API key or another configuration error.
 *
 * <p>Writes are spaced by a client-side rate limit (by default 80 per second for live keys and 20
 * for test keys, below Stripe's 100 and 25); an HTTP 429 is retried a few times with exponential
 * back-off. No card number, CVC or IBAN passes through this class, and neither the API key nor
 * the webhook secret appears in its logs, exceptions or {@link #toString()}.
 */
public final class StripePayments implements PaymentProvider {

    private final String apiBase;
    private final boolean testMode;
    private final double maxWritesPerSecond;
    private final StripeCustomers customers;
    private final StripeSetups setups;
    private final StripeCharges charges;
    private final StripeWebhooks webhooks;

    private StripePayments(Builder builder) {
        this.apiBase = builder.apiBase;
        this.testMode = builder.apiKey.contains("_test_");
        this.maxWritesPerSecond = builder.maxWritesPerSecond != null ? builder.maxWritesPerSecond
                : testMode ? Builder.TEST_WRITES_PER_SECOND : Builder.LIVE_WRITES_PER_SECOND;
        StripeClient.StripeClientBuilder client = StripeClient.builder()
                .setApiKey(builder.apiKey)
                .setMaxNetworkRetries(0)
                .setConnectTimeout(millis(builder.connectTimeout))
                .setReadTimeout(millis(builder.readTimeout));
        if (builder.apiBase != null) {
            client.setApiBase(builder.apiBase);
        }
        StripeClient stripe = client.build();
        StripeCalls calls = new StripeCalls(new WriteRateLimiter(maxWritesPerSecond, builder.nanoTime, builder.sleeper),
                builder.sleeper, builder.rateLimitRetries, builder.firstBackoff, builder.maxBackoff);
        this.customers = new StripeCustomers(stripe, calls);
        this.setups = new StripeSetups(stripe, calls);
        this.charges = new StripeCharges(stripe, calls);
        this.webhooks = builder.webhookSecret == null ? null
                : new StripeWebhooks(builder.webhookSecret, builder.webhookTolerance, builder.clock,
                        builder.rememberedEvents);
    }

    /**
     * A builder; {@link Builder#apiKey(String)} is required.
     *
     * @return a new builder with the defaults described on its methods
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Creates the customer with the company's id in its metadata, or updates name, email and
     * address; makes its {@code eu_vat} tax ids exactly the VAT number (a VAT number Stripe
     * refuses is logged and left out). A customer Stripe no longer has is created again.
     *
     * @throws StripeAdapterException if Stripe cannot be reached or refuses
     */
    @Override
    public CustomerReference syncCustomer(CustomerProfile profile, Optional<CustomerReference> existing) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(existing, "existing");
        try {
            return CustomerReference.of(customers.sync(profile, existing.map(CustomerReference::value).orElse(null)));
        } catch (StripeException e) {
            throw StripeAdapterException.from("customers.sync", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StripeAdapterException.interrupted("customers.sync", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Creates a SetupIntent for off-session use ({@code card}, {@code sepa_debit} or
     * {@code ideal}) under the given idempotency key. The front end confirms it with Stripe.js
     * and the client secret; for iDEAL, Stripe.js makes the redirect with the front end's return
     * URL, so the answer's redirect URL is {@code null}.
     *
     * @throws StripeAdapterException if Stripe cannot be reached or refuses
     */
    @Override
    public SetupStart startSetup(CustomerReference customer, SetupKind kind, IdempotencyKey idempotencyKey) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        try {
            return setups.start(customer.value(), kind, idempotencyKey.value());
        } catch (StripeException e) {
            throw StripeAdapterException.from("setupIntents.create", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StripeAdapterException.interrupted("setupIntents.create", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A succeeded card set-up yields the card; a SEPA Direct Debit one the method and its
     * mandate reference; an iDEAL one the reusable SEPA Direct Debit method it generated
     * ({@code latest_attempt.payment_method_details.ideal.generated_sepa_debit}) with its mandate,
     * marked as set up through iDEAL. A set-up of another customer, canceled, or whose last attempt
     * failed is {@code Failed}; one still waiting for the customer is {@code Incomplete}. It only
     * reads the SetupIntent, so completing a set-up again answers the same payment method.
     *
     * @throws StripeAdapterException if Stripe cannot be reached or refuses
     */
    @Override
    public SetupResult completeSetup(CustomerReference customer, SetupReference setup) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(setup, "setup");
        try {
            return setups.complete(customer.value(), setup.value());
        } catch (StripeException e) {
            throw StripeAdapterException.from("setupIntents.complete", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StripeAdapterException.interrupted("setupIntents.complete", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws StripeAdapterException if Stripe cannot be reached or refuses (a method already
     *     detached, or unknown to Stripe, is not an error)
     */
    @Override
    public void detach(PaymentMethodReference paymentMethod) {
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        try {
            setups.detach(paymentMethod.value());
        } catch (StripeException e) {
            throw StripeAdapterException.from("paymentMethods.detach", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StripeAdapterException.interrupted("paymentMethods.detach", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Sets the customer's {@code invoice_settings.default_payment_method}.
     *
     * @throws StripeAdapterException if Stripe cannot be reached or refuses
     */
    @Override
    public void makeDefault(CustomerReference customer, PaymentMethodReference paymentMethod) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        try {
            setups.makeDefault(customer.value(), paymentMethod.value());
        } catch (StripeException e) {
            throw StripeAdapterException.from("customers.update", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StripeAdapterException.interrupted("customers.update", e);
        }
    }

    /**
     * The client-side write limit this adapter holds its calls to ({@code maxWritesPerSecond}):
     * the billing run paces its charges at it, leaving the limiter room for the customers and
     * set-ups that are writes too only when it is not saturated.
     *
     * @return the writes a second this adapter allows itself
     */
    @Override
    public double chargesPerSecond() {
        return maxWritesPerSecond;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Creates and confirms an off-session PaymentIntent with {@code Idempotency-Key} set to the
     * request's key and the invoice id, attempt and key in its metadata (webhooks map back with
     * them), unless the customer already has a PaymentIntent under that key: then its current state
     * is the answer. The amount is converted to Stripe's minor units exactly.
     *
     * @throws IllegalArgumentException if the amount is not positive or not exact in Stripe's units
     *     for its currency (it is never rounded)
     * @throws StripeAdapterException for a configuration or programming error only: a rejected API
     *     key, a missing permission, the key reused with another amount
     */
    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        Objects.requireNonNull(request, "request");
        return charges.charge(request);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Refunds the request's amount of a charged PaymentIntent ({@code POST /v1/refunds} with the
     * refund's {@code Idempotency-Key}, so that asking again answers the same refund), with the
     * invoice and the refunded charge's idempotency key in the refund's metadata:
     * {@link WebhookOutcome.RefundUpdated} reads them back. A {@code succeeded} refund is
     * {@code Succeeded}; {@code pending} (a SEPA refund, for days) or {@code requires_action} is
     * {@code Pending}; {@code failed} or {@code canceled} is {@code Declined} with the refund's id
     * and Stripe's {@code failure_reason} as the code (the status itself when Stripe gives none, or
     * none that is a valid decline code). A refund Stripe refuses is {@code Declined} without a
     * reference, with Stripe's code: more than is left of the charge ({@code amount_too_large}), a
     * charge already refunded in full ({@code charge_already_refunded}), a PaymentIntent without a
     * succeeded charge. No answer, a 5xx or lasting rate limiting is {@code Unknown}: asking again
     * under the same key is safe.
     *
     * @throws IllegalArgumentException if the amount is not positive or not exact in Stripe's units
     *     for its currency (it is never rounded)
     * @throws StripeAdapterException for a configuration or programming error only, as for charges
     */
    @Override
    public RefundOutcome refund(RefundRequest request) {
        Objects.requireNonNull(request, "request");
        return charges.refund(request);
    }

    /**
     * The customer's payment methods at Stripe, newest first, each marked when it is the
     * customer's default: for a host that reconciles its stored methods with Stripe's.
     *
     * @param customer the customer ({@code cus_...})
     * @return the methods attached to it, every type included; an empty list when it has none
     * @throws StripeAdapterException if Stripe cannot be reached or refuses
     */
    public List<AttachedMethod> paymentMethods(CustomerReference customer) {
        Objects.requireNonNull(customer, "customer");
        try {
            return setups.list(customer.value());
        } catch (StripeException e) {
            throw StripeAdapterException.from("customers.paymentMethods.list", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StripeAdapterException.interrupted("customers.paymentMethods.list", e);
        }
    }

    /**
     * The webhook handler for the endpoint whose signing secret was given to the builder.
     *
     * @return the handler; the same one on every call, so that it spots repeated deliveries
     * @throws IllegalStateException if the builder was given no webhook secret
     */
    public StripeWebhooks webhooks() {
        if (webhooks == null) {
            throw new IllegalStateException("no webhook secret was configured: Builder.webhookSecret(...)");
        }
        return webhooks;
    }

    @Override
    public String toString() {
        return "StripePayments[" + (testMode ? "test" : "live") + " mode, apiBase="
                + (apiBase == null ? "Stripe" : apiBase) + ", maxWritesPerSecond=" + maxWritesPerSecond
                + ", apiKey=***]";
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    /**
     * A payment method attached to a customer at Stripe.
     *
     * @param reference Stripe's id ({@code pm_...})
     * @param type Stripe's type, such as {@code card} or {@code sepa_debit}
     * @param last4 the last four characters of the card number or IBAN, or {@code null} for other
     *     types (and when Stripe gives none that are four letters or digits)
     * @param isDefault whether it is the customer's {@code invoice_settings.default_payment_method}
     */
    public record AttachedMethod(PaymentMethodReference reference, String type, Last4 last4, boolean isDefault) {
        /**
         * Checks that the reference and type are given.
         *
         * @param reference not {@code null}
         * @param type not {@code null}
         * @param last4 may be {@code null}
         * @param isDefault not checked
         * @throws NullPointerException if {@code reference} or {@code type} is {@code null}
         */
        public AttachedMethod {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * Configures a {@link StripePayments}. Not thread-safe; {@link #build()} gives an independent,
     * thread-safe instance.
     */
    public static final class Builder {

        static final double LIVE_WRITES_PER_SECOND = 80;
        static final double TEST_WRITES_PER_SECOND = 20;

        private String apiKey;
        private String apiBase;
        private Double maxWritesPerSecond;
        private int rateLimitRetries = 3;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(80);
        private String webhookSecret;
        private Duration webhookTolerance = Duration.ofSeconds(300);
        private int rememberedEvents = 10_000;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private LongSupplier nanoTime = System::nanoTime;
        private Duration firstBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);

        private Builder() {
        }

        /**
         * The secret ({@code sk_...}) or restricted ({@code rk_...}) API key; required. A test-mode
         * key ({@code sk_test_...}) works against Stripe's test mode.
         *
         * @param apiKey the key; kept out of logs, messages and {@code toString()}
         * @return this builder
         * @throws IllegalArgumentException if it is blank or a publishable key (the message never
         *     quotes it)
         */
        public Builder apiKey(String apiKey) {
            Secrets.require(apiKey, "the API key");
            if (!apiKey.startsWith("sk_") && !apiKey.startsWith("rk_")) {
                throw new IllegalArgumentException("the API key must be a secret (sk_...) or restricted (rk_...) key");
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Another base URL than Stripe's API, such as a local stub in tests.
         *
         * @param apiBase the URL requests go to instead of {@code https://api.stripe.com}; trailing
         *     slashes are dropped
         * @return this builder
         */
        public Builder apiBase(String apiBase) {
            this.apiBase = Objects.requireNonNull(apiBase, "apiBase").replaceAll("/+$", "");
            return this;
        }

        /**
         * The most write requests (POST, DELETE) to start per second, across all threads; 80 by
         * default for a live key and 20 for a test key (Stripe allows 100 and 25).
         *
         * @param maxWritesPerSecond requests per second, possibly fractional
         * @return this builder
         * @throws IllegalArgumentException unless positive and finite
         */
        public Builder maxWritesPerSecond(double maxWritesPerSecond) {
            if (!(maxWritesPerSecond > 0) || Double.isInfinite(maxWritesPerSecond)) {
                throw new IllegalArgumentException("the write rate must be a positive number of requests per second");
            }
            this.maxWritesPerSecond = maxWritesPerSecond;
            return this;
        }

        /**
         * How often a request answered HTTP 429 is retried, after 0.5 s, 1 s, 2 s, ... (capped at
         * 8 s, jittered); 3 by default, 0 for none.
         *
         * @param retries the most retries of one request
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder rateLimitRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries cannot be negative");
            }
            this.rateLimitRetries = retries;
            return this;
        }

        /**
         * How long to wait for a connection; 30 s by default.
         *
         * @param timeout positive; kept to the millisecond
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /**
         * How long to wait for an answer; 80 s by default, as stripe-java. A charge whose answer
         * does not come in time is {@link ChargeOutcome.Unknown}.
         *
         * @param timeout positive; kept to the millisecond
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "read timeout");
            return this;
        }

        /**
         * The signing secret ({@code whsec_...}) of the webhook endpoint; needed for {@link #webhooks()}.
         *
         * @param secret the secret from Stripe's Dashboard; kept out of logs, messages and
         *     {@code toString()}
         * @return this builder
         * @throws IllegalArgumentException if it is blank or has white space around it
         */
        public Builder webhookSecret(String secret) {
            this.webhookSecret = Secrets.require(secret, "the webhook secret");
            return this;
        }

        /**
         * How far a delivery's signed timestamp may be from the clock; 300 s by default, as Stripe's libraries.
         *
         * @param tolerance positive; either side of the clock
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder webhookTolerance(Duration tolerance) {
            this.webhookTolerance = positive(tolerance, "webhook tolerance");
            return this;
        }

        /**
         * How many recent event ids the webhook handler remembers to spot repeats; 10,000 by default.
         *
         * @param count at least 1; the oldest ids are forgotten first
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder rememberedEvents(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one event id must be remembered");
            }
            this.rememberedEvents = count;
            return this;
        }

        /**
         * The clock webhook timestamps are checked against; the system's UTC clock by default.
         *
         * @param clock the clock; a fixed one in tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How the adapter waits (rate limit, back-off); tests record instead of sleeping. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The monotonic time the rate limiter reads; tests move it by hand. */
        Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** The first back-off after an HTTP 429 and its cap. */
        Builder backoff(Duration first, Duration max) {
            this.firstBackoff = positive(first, "first back-off");
            this.maxBackoff = positive(max, "largest back-off");
            return this;
        }

        /**
         * A new {@link StripePayments}.
         *
         * @return an instance with this builder's settings; later changes to the builder do not
         *     affect it
         * @throws IllegalStateException if no API key was given
         */
        public StripePayments build() {
            if (apiKey == null) {
                throw new IllegalStateException("an API key is required: Builder.apiKey(...)");
            }
            return new StripePayments(this);
        }

        @Override
        public String toString() {
            return "StripePayments.Builder[apiBase=" + apiBase + ", apiKey=" + (apiKey == null ? "unset" : "***")
                    + ", webhookSecret=" + (webhookSecret == null ? "unset" : "***") + "]";
        }

        private static Duration positive(Duration duration, String what) {
            Objects.requireNonNull(duration, what);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("the " + what + " must be positive");
            }
            return duration;
        }
    }
}
