package org.billingsdk.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.invoice.Seller;
import org.billingsdk.core.payment.BillingTerms;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.port.VatNumberVerifier;
import org.billingsdk.core.subscription.CancellationTiming;
import org.billingsdk.core.tax.UnverifiedVatPolicy;
import org.billingsdk.core.tax.VatRates;
import org.billingsdk.core.tax.VatRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every operation shares: the ports, the clock, the validator, the access rule and the way
 * changes are written. Built once by {@code Billing}; thread-safe.
 */
public final class Context {

    private static final Logger LOG = LoggerFactory.getLogger(Context.class);

    /** How often an operation is tried again after it lost a race with a concurrent update. */
    static final int ATTEMPTS = 8;

    private final Storage storage;
    private final ProductEnvironments environments;
    private final PaymentProvider payments;
    private final Seller seller;
    private final VatRules vatRules;
    private final VatNumberVerifier verifier;
    private final BillingTerms terms;
    private final Clock clock;
    private final CancellationTiming cancellationTiming;
    private final InputValidator validator;
    private final EventRelay relay;
    private final Access access;
    private final Map<PlanId, Plan> plans = new ConcurrentHashMap<>();
    private final ThreadLocal<Integer> deferring = ThreadLocal.withInitial(() -> 0);
    private final Map<ProductCode, Product> products = new ConcurrentHashMap<>();

    public Context(Storage storage, ProductEnvironments environments, PaymentProvider payments, Seller seller,
            VatRates vatRates, VatNumberVerifier verifier, UnverifiedVatPolicy unverifiedVat, BillingTerms terms,
            Clock clock, CancellationTiming cancellationTiming, InputValidator validator, EventRelay relay) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.environments = Objects.requireNonNull(environments, "environments");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.seller = Objects.requireNonNull(seller, "seller");
        VatRules rules = new VatRules(seller.country(), vatRates);
        this.vatRules = verifier == null ? rules : rules.verified(unverifiedVat);
        this.verifier = verifier;
        this.terms = Objects.requireNonNull(terms, "terms");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cancellationTiming = Objects.requireNonNull(cancellationTiming, "cancellationTiming");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.access = new Access(storage.companies());
    }

    public Storage storage() {
        return storage;
    }

    public ProductEnvironments environments() {
        return environments;
    }

    public PaymentProvider payments() {
        return payments;
    }

    public Seller seller() {
        return seller;
    }

    public VatRules vatRules() {
        return vatRules;
    }

    /** {@return the VAT number verifier, or empty when numbers are not verified} */
    public Optional<VatNumberVerifier> verifier() {
        return Optional.ofNullable(verifier);
    }

    public BillingTerms terms() {
        return terms;
    }

    /** The clock's time to the microsecond: what every storage keeps, so that all of them agree. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public CancellationTiming cancellationTiming() {
        return cancellationTiming;
    }

    public InputValidator validator() {
        return validator;
    }

    public Access access() {
        return access;
    }

    public EventRelay relay() {
        return relay;
    }

    /** Runs a read-only {@code work} in one transaction, so that it sees one consistent state. */
    public <T> T read(Supplier<T> work) {
        return storage.inTransaction(work);
    }

    /**
     * Runs {@code work} in a transaction that also keeps the events and audit records it makes,
     * tries it again from the start when it lost a race with a concurrent update, and delivers the
     * events once it is committed. {@code work} must not call anything outside the storage; it
     * returns its result rather than leaving it in captured state, and is told which try it is
     * ({@link Changes#attempt()}). The races lost before the failure finally thrown (the last
     * lost race, or whatever else a later try threw) are its suppressed exceptions, oldest first.
     *
     * @return what the try that committed returned
     * @throws ConcurrentUpdateException if it lost the race {@value #ATTEMPTS} times
     */
    public <T> T write(Who who, Instant now, Function<Changes, T> work) {
        T result = null;
        List<ConcurrentUpdateException> lost = new ArrayList<>(0);
        for (int attempt = 1; ; attempt++) {
            int thisAttempt = attempt;
            try {
                result = storage.inTransaction(() -> {
                    Changes changes = new Changes(storage, who, now, thisAttempt);
                    T done = work.apply(changes);
                    changes.flush();
                    return done;
                });
                break;
            } catch (ConcurrentUpdateException e) {
                if (attempt == ATTEMPTS) {
                    lost.stream().filter(earlier -> earlier != e).forEach(e::addSuppressed);
                    throw e;
                }
                lost.add(e);
                LOG.debug("{}; trying again ({} of {})", e.getMessage(), attempt, ATTEMPTS);
                backOff(attempt, e);
            } catch (RuntimeException | Error e) {
                lost.stream().filter(earlier -> earlier != e).forEach(e::addSuppressed);
                throw e;
            }
        }
        if (deferring.get() == 0) {
            relay.deliverPending();
        }
        return result;
    }

    /**
     * Waits a random time of up to 2^attempt milliseconds (capped at 64) before the next try, so
     * that writers racing for one row do not meet again at once.
     */
    private static void backOff(int attempt, ConcurrentUpdateException lost) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1L << Math.min(attempt, 6)) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw lost;
        }
    }

    /**
     * Runs {@code work} with event delivery held back until it returns, then has {@code deliver}
     * deliver once (the relay's {@link EventRelay#deliverPending}, or a request to a thread that
     * delivers): the billing run delivers per page instead of per subscription.
     */
    public <T> T deferringDelivery(Supplier<T> work, Runnable deliver) {
        deferring.set(deferring.get() + 1);
        try {
            return work.get();
        } finally {
            deferring.set(deferring.get() - 1);
            if (deferring.get() == 0) {
                deliver.run();
            }
        }
    }

    /** A plan of the catalog; plans never change, so they are cached. */
    public Plan plan(PlanId id) {
        Plan cached = plans.get(id);
        if (cached != null) {
            return cached;
        }
        Plan plan = storage.catalog().findPlan(id).orElseThrow(() -> new NotFoundException(EntityKind.PLAN, id));
        plans.put(id, plan);
        return plan;
    }

    /** A product of the catalog; products never change, so they are cached. */
    public Product product(ProductCode code) {
        Product cached = products.get(code);
        if (cached != null) {
            return cached;
        }
        Product product = storage.catalog().findProduct(code)
                .orElseThrow(() -> new NotFoundException(EntityKind.PRODUCT, code));
        products.put(code, product);
        return product;
    }
}
