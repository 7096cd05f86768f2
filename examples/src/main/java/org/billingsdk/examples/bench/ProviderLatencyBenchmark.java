package org.billingsdk.examples.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupReference;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.jdbc.JdbcStorage;
import org.flywaydb.core.Flyway;

/**
 * The billing run on embedded PostgreSQL against a provider that answers each charge after a
 * fixed latency (300 ms by default, as a Stripe PaymentIntent confirmation takes) and allows a
 * number of charges a second (80 by default, the Stripe adapter's own limit), answering the ones
 * above it as a 429 would: an unknown outcome, reconciled later. Prints the charges a second and
 * their ratio to the limit, the most database connections in use at once, the most calls in flight
 * at once and the calls refused for the rate, with a progress line every five seconds.
 *
 * <p>Usage: {@code ProviderLatencyBenchmark [subscriptions]} (400 by default: at 3 charges a second
 * that is two minutes); {@code -Dbench.latencyMs=N}, {@code -Dbench.limit=N} (0: no limit),
 * {@code -Dbench.workers=N} (billing-run workers), {@code -Dbench.inFlight=N} (charges in flight at
 * once, {@code Billing.Builder.chargesInFlight}; the SDK's default, 32, unless told),
 * {@code -Dbench.connections=N} (the pool's size, 4 by default). With
 * {@code -Dbench.baselineInFlight=N} it runs twice with N in flight and twice with
 * {@code bench.inFlight}, alternately on fresh databases, and prints the ratio. The provider
 * declares its limit as its {@code PaymentProvider.chargesPerSecond()}, as the Stripe adapter
 * declares its own.
 */
public final class ProviderLatencyBenchmark {

    private ProviderLatencyBenchmark() {
    }

    /**
     * Starts an embedded PostgreSQL, seeds the due subscriptions, runs the billing run and prints
     * its figures.
     *
     * @param args the number of due subscriptions
     * @throws Exception if the database cannot be started, seeded or read
     */
    public static void main(String[] args) throws Exception {
        int subscriptions = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 400;
        long latencyMs = Long.getLong("bench.latencyMs", 300);
        int limit = Integer.getInteger("bench.limit", 80);
        int workers = Integer.getInteger("bench.workers", 1);
        int connections = Integer.getInteger("bench.connections", 4);
        int inFlight = Integer.getInteger("bench.inFlight", Billing.DEFAULT_CHARGES_IN_FLIGHT);
        Integer baselineInFlight = Integer.getInteger("bench.baselineInFlight");
        System.out.printf("Provider latency benchmark: %,d due subscriptions, provider answers in %d ms and "
                + "allows %d charges/s; %d billing-run worker(s), at most %d database connections, %d cores%n",
                subscriptions, latencyMs, limit, workers, connections, Runtime.getRuntime().availableProcessors());
        if (baselineInFlight == null) {
            measure(subscriptions, latencyMs, limit, workers, connections, inFlight);
            return;
        }
        // The baseline and the measured run alternate, twice each, on fresh databases.
        double[] baseline = new double[2];
        double[] measured = new double[2];
        for (int round = 0; round < 2; round++) {
            baseline[round] = measure(subscriptions, latencyMs, limit, workers, connections, baselineInFlight);
            measured[round] = measure(subscriptions, latencyMs, limit, workers, connections, inFlight);
        }
        double base = (baseline[0] + baseline[1]) / 2;
        double with = (measured[0] + measured[1]) / 2;
        System.out.printf("%d in flight: %.1f charges/s against %.1f with %d in flight (the baseline): ratio %.3f%n",
                inFlight, with, base, baselineInFlight, with / base);
    }

    /**
     * Starts an embedded PostgreSQL, seeds the due subscriptions, runs the billing run with
     * {@code inFlight} charges in flight and prints its figures.
     *
     * @return the charges a second
     */
    private static double measure(int subscriptions, long latencyMs, int limit, int workers, int connections,
            int inFlight) throws Exception {
        SlowProvider provider = new SlowProvider(latencyMs, limit);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                HikariDataSource pool = PostgresBenchmark.pool(postgres)) {
            pool.setMaximumPoolSize(connections);
            Flyway.configure().dataSource(pool).locations(JdbcStorage.MIGRATIONS).load().migrate();
            System.out.printf("%d charge(s) in flight:%n", inFlight);
            Billing billing = PostgresBenchmark.billing(JdbcStorage.forDataSource(pool), workers, provider, inFlight);
            Plan plan = PostgresBenchmark.catalog(billing);
            List<Company> companies = PostgresBenchmark.companies(billing, Math.min(1_000, subscriptions));
            PostgresBenchmark.seed(pool, companies, plan, subscriptions);

            provider.measuring(true);
            AtomicInteger peakConnections = new AtomicInteger();
            long begin = System.nanoTime();
            Thread watch = new Thread(() -> {
                long lastPrint = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    peakConnections.accumulateAndGet(pool.getHikariPoolMXBean().getActiveConnections(), Math::max);
                    if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(5)) {
                        lastPrint = System.nanoTime();
                        System.out.printf("  ... %,d charges answered, %.0f s%n", provider.answered(),
                                (lastPrint - begin) / 1e9);
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-watch");
            watch.setDaemon(true);
            watch.start();
            BillingRunReport report = billing.run(PostgresBenchmark.RENEWAL);
            double seconds = (System.nanoTime() - begin) / 1e9;
            watch.interrupt();
            watch.join();
            double rate = report.paymentsSucceeded() / seconds;
            System.out.printf("  billing run: %,d invoiced, %,d paid, %,d outstanding in %.1f s = %.1f charges/s%n",
                    report.invoicesIssued(), report.paymentsSucceeded(), report.paymentsOutstanding(), seconds, rate);
            if (limit > 0) {
                System.out.printf("  ratio charges/s / the provider's limit (%d/s): %.3f%n", limit, rate / limit);
            }
            System.out.printf("  peak database connections in use: %d of %d; peak calls in flight: %d; "
                    + "refused for the rate: %,d%n", peakConnections.get(), connections, provider.peakInFlight(),
                    provider.refused());
            if (report.invoicesIssued() != subscriptions) {
                throw new IllegalStateException("every subscription must be invoiced once: " + report);
            }
            return rate;
        }
    }

    /**
     * {@link InstantProvider} whose charges take {@code latencyMs} and are refused, as a 429 would
     * be (an unknown outcome), beyond {@code limit} a second, counted over the current second.
     */
    private static final class SlowProvider implements PaymentProvider {

        private final InstantProvider instant = new InstantProvider();
        private final long latencyMs;
        private final int limit;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger peakInFlight = new AtomicInteger();
        private final AtomicLong answered = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private long second;
        private int thisSecond;
        private volatile boolean measuring;

        SlowProvider(long latencyMs, int limit) {
            this.latencyMs = latencyMs;
            this.limit = limit;
        }

        void measuring(boolean on) {
            measuring = on;
        }

        long answered() {
            return answered.get();
        }

        long refused() {
            return refused.get();
        }

        int peakInFlight() {
            return peakInFlight.get();
        }

        private synchronized boolean withinLimit() {
            long now = System.nanoTime() / 1_000_000_000L;
            if (now != second) {
                second = now;
                thisSecond = 0;
            }
            return limit == 0 || ++thisSecond <= limit;
        }

        @Override
        public ChargeOutcome charge(ChargeRequest request) {
            if (!measuring) {
                return instant.charge(request);
            }
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (!withinLimit()) {
                    refused.incrementAndGet();
                    return new ChargeOutcome.Unknown("429 Too Many Requests");
                }
                if (latencyMs > 0) {
                    Thread.sleep(latencyMs);
                }
                return instant.charge(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ChargeOutcome.Unknown("interrupted before the answer");
            } finally {
                inFlight.decrementAndGet();
                answered.incrementAndGet();
            }
        }

        @Override
        public double chargesPerSecond() {
            return limit;
        }

        @Override
        public CustomerReference syncCustomer(CustomerProfile profile, Optional<CustomerReference> existing) {
            return instant.syncCustomer(profile, existing);
        }

        @Override
        public SetupStart startSetup(CustomerReference customer, SetupKind kind, IdempotencyKey idempotencyKey) {
            return instant.startSetup(customer, kind, idempotencyKey);
        }

        @Override
        public SetupResult completeSetup(CustomerReference customer, SetupReference setup) {
            return instant.completeSetup(customer, setup);
        }

        @Override
        public void detach(PaymentMethodReference paymentMethod) {
            instant.detach(paymentMethod);
        }

        @Override
        public RefundOutcome refund(RefundRequest request) {
            return instant.refund(request);
        }
    }
}
