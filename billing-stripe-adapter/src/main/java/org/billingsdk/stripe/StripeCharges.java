package org.billingsdk.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.HasId;
import com.stripe.model.MetadataStore;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.port.PaymentProvider.ChargeRequest;
import org.billingsdk.core.port.PaymentProvider.RefundRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges invoices with off-session PaymentIntents, at most once per idempotency key.
 *
 * <p>Before creating, the customer's PaymentIntents are looked up for one carrying the key in its
 * metadata. Stripe keeps an idempotency key for 24 hours only, and replays the first answer
 * (a {@code processing} SEPA debit stays {@code processing}, a 500 stays a 500) rather than the
 * PaymentIntent's state now; the lookup answers the current state and keeps a reconciliation days
 * later from charging again. The create itself carries the key as {@code Idempotency-Key}, which
 * covers a PaymentIntent the lookup could not see yet. Thread-safe.
 */
final class StripeCharges {

    private static final Logger LOG = LoggerFactory.getLogger(StripeCharges.class);

    static final String INVOICE_METADATA = "billing_invoice_id";
    static final String ATTEMPT_METADATA = "billing_attempt";
    static final String KEY_METADATA = "billing_idempotency_key";
    /** The refund's own idempotency key, in a refund's metadata beside the refunded charge's key. */
    static final String REFUND_KEY_METADATA = "billing_refund_key";
    /** How many pages of 100 of a customer's PaymentIntents the lookup reads at most. */
    static final int LOOKUP_PAGES = 10;

    private final StripeClient client;
    private final StripeCalls calls;

    StripeCharges(StripeClient client, StripeCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    ChargeOutcome charge(ChargeRequest request) {
        long amount = MinorUnits.of(request.amount());
        String currency = MinorUnits.currency(request.amount());
        String key = request.idempotencyKey().value();
        String operation = "paymentIntents.list";
        try {
            Optional<PaymentIntent> existing = find(request.customerReference().value(), key);
            if (existing.isPresent()) {
                operation = "paymentIntents.reconcile";
                return reconcile(existing.get(), request, amount, currency);
            }
            operation = "paymentIntents.create";
            PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                    .setAmount(amount)
                    .setCurrency(currency)
                    .setCustomer(request.customerReference().value())
                    .setPaymentMethod(request.paymentMethodReference().value())
                    .setConfirm(true)
                    .setOffSession(true)
                    .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                            .setEnabled(true)
                            .setAllowRedirects(
                                    PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER)
                            .build())
                    .setDescription(request.description())
                    .putMetadata(INVOICE_METADATA, request.invoiceId().toString())
                    .putMetadata(ATTEMPT_METADATA, Integer.toString(request.attempt()))
                    .putMetadata(KEY_METADATA, key)
                    .build();
            PaymentIntent created = calls.write("paymentIntents.create",
                    () -> client.v1().paymentIntents().create(params, withKey(key)));
            return logged(key, Outcomes.of(created));
        } catch (StripeException e) {
            return logged(key, Outcomes.ofFailure(operation, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return logged(key, new ChargeOutcome.Unknown("interrupted before Stripe answered"));
        } catch (RuntimeException e) {
            if (e instanceof StripeAdapterException) {
                throw e;
            }
            // stripe-java lets some unreadable answers escape as unchecked exceptions.
            LOG.warn("Charge {}: Stripe's answer could not be read", key, e);
            return logged(key, new ChargeOutcome.Unknown("unreadable answer from Stripe (" + e.getClass().getSimpleName()
                    + ")"));
        }
    }

    /**
     * Refunds the request's amount of a PaymentIntent under the refund's own idempotency key, with
     * the refunded charge's key in the refund's metadata ({@code refund.updated} webhooks map back
     * with it); a refund Stripe refuses (too large, already refunded) is a decline with Stripe's code
     * and no refund. As for charges, the PaymentIntent's refunds are looked up for one carrying the
     * key first: its state now is the answer, also after Stripe has forgotten the key (24 hours),
     * when creating it again would be refused as {@code charge_already_refunded}.
     */
    RefundOutcome refund(RefundRequest request) {
        long amount = MinorUnits.of(request.amount());
        String key = request.idempotencyKey().value();
        String operation = "refunds.list";
        try {
            Optional<Refund> existing = findRefund(request.paymentReference().value(), key);
            if (existing.isPresent()) {
                return loggedRefund(key, Outcomes.of(existing.get()));
            }
            operation = "refunds.create";
            RefundCreateParams params = RefundCreateParams.builder()
                    .setPaymentIntent(request.paymentReference().value())
                    .setAmount(amount)
                    .putMetadata(INVOICE_METADATA, request.invoiceId().toString())
                    .putMetadata(KEY_METADATA, request.chargeKey().value())
                    .putMetadata(REFUND_KEY_METADATA, key)
                    .build();
            Refund refund = calls.write("refunds.create", () -> client.v1().refunds().create(params, withKey(key)));
            return loggedRefund(key, Outcomes.of(refund));
        } catch (StripeException e) {
            return loggedRefund(key, Outcomes.ofRefundFailure(operation, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return loggedRefund(key, new RefundOutcome.Unknown("interrupted before Stripe answered"));
        } catch (RuntimeException e) {
            if (e instanceof StripeAdapterException) {
                throw e;
            }
            LOG.warn("Refund {}: Stripe's answer could not be read", key, e);
            return loggedRefund(key, new RefundOutcome.Unknown("unreadable answer from Stripe ("
                    + e.getClass().getSimpleName() + ")"));
        }
    }

    /** The PaymentIntent's refund made under the refund key {@code key}, if Stripe has one. */
    private Optional<Refund> findRefund(String paymentIntent, String key) throws StripeException,
            InterruptedException {
        return findByMetadata("refunds.list", "refunds of PaymentIntent " + paymentIntent, key,
                after -> client.v1().refunds().list(pageOf(RefundListParams.builder().setPaymentIntent(paymentIntent)
                        .setLimit(100L), after)), metadata -> madeUnder(metadata, key));
    }

    /**
     * Whether a refund's metadata says it was made under the refund key {@code key}: in
     * {@code billing_refund_key}, or, for a refund made before that key had its own entry, in
     * {@code billing_idempotency_key} alone.
     */
    static boolean madeUnder(Map<String, String> metadata, String key) {
        if (metadata == null) {
            return false;
        }
        String refundKey = metadata.get(REFUND_KEY_METADATA);
        return refundKey != null ? key.equals(refundKey) : key.equals(metadata.get(KEY_METADATA));
    }

    /** The customer's PaymentIntent made under {@code key}, if Stripe has one. */
    private Optional<PaymentIntent> find(String customer, String key) throws StripeException, InterruptedException {
        return findByMetadata("paymentIntents.list", "PaymentIntents of customer " + customer, key,
                after -> client.v1().paymentIntents().list(pageOf(PaymentIntentListParams.builder()
                        .setCustomer(customer).setLimit(100L), after)),
                metadata -> metadata != null && key.equals(metadata.get(KEY_METADATA)));
    }

    /** One page of a list, the one after the object {@code startingAfter} ({@code null} for the first). */
    @FunctionalInterface
    private interface PageCall<T extends HasId> {
        StripeCollection<T> page(String startingAfter) throws StripeException;
    }

    /**
     * The first object, newest first, whose metadata {@code wanted} accepts, in at most
     * {@link #LOOKUP_PAGES} pages of 100 that {@code list} reads; empty when there is none, or when
     * it was not found in those pages (logged: Stripe's idempotency is then relied on).
     *
     * @param what what is looked through, for the log: {@code refunds of PaymentIntent pi_...}
     */
    private <T extends HasId & MetadataStore<T>> Optional<T> findByMetadata(String operation, String what,
            String key, PageCall<T> list, Predicate<Map<String, String>> wanted)
            throws StripeException, InterruptedException {
        String after = null;
        for (int page = 0; page < LOOKUP_PAGES; page++) {
            String startingAfter = after;
            StripeCollection<T> found = calls.read(operation, () -> list.page(startingAfter));
            for (T object : found.getData()) {
                if (wanted.test(object.getMetadata())) {
                    return Optional.of(object);
                }
            }
            if (!Boolean.TRUE.equals(found.getHasMore()) || found.getData().isEmpty()) {
                return Optional.empty();
            }
            after = found.getData().get(found.getData().size() - 1).getId();
        }
        LOG.warn("Looked through {} {} without finding key {}; relying on Stripe's idempotency", LOOKUP_PAGES * 100,
                what, key);
        return Optional.empty();
    }

    private static RefundListParams pageOf(RefundListParams.Builder params, String startingAfter) {
        return startingAfter == null ? params.build() : params.setStartingAfter(startingAfter).build();
    }

    private static PaymentIntentListParams pageOf(PaymentIntentListParams.Builder params, String startingAfter) {
        return startingAfter == null ? params.build() : params.setStartingAfter(startingAfter).build();
    }

    private ChargeOutcome reconcile(PaymentIntent intent, ChargeRequest request, long amount, String currency)
            throws StripeException, InterruptedException {
        if (intent.getAmount() == null || intent.getAmount() != amount || !currency.equals(intent.getCurrency())) {
            throw StripeAdapterException.unexpected("paymentIntents.reconcile", "PaymentIntent " + intent.getId()
                    + " made under key " + request.idempotencyKey() + " is for " + intent.getAmount() + " "
                    + intent.getCurrency() + ", not " + amount + " " + currency);
        }
        if ("requires_confirmation".equals(intent.getStatus())) {
            String key = request.idempotencyKey().value() + "-confirm";
            PaymentIntentConfirmParams params = PaymentIntentConfirmParams.builder().setOffSession(true).build();
            PaymentIntent confirmed = calls.write("paymentIntents.confirm",
                    () -> client.v1().paymentIntents().confirm(intent.getId(), params, withKey(key)));
            return logged(request.idempotencyKey().value(), Outcomes.of(confirmed));
        }
        return logged(request.idempotencyKey().value(), Outcomes.of(intent));
    }

    private static RequestOptions withKey(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    private static RefundOutcome loggedRefund(String key, RefundOutcome outcome) {
        if (outcome instanceof RefundOutcome.Unknown unknown) {
            LOG.warn("Refund {}: outcome unknown ({}); asking again under the same key is safe", key, unknown.detail());
        } else if (outcome instanceof RefundOutcome.Declined declined) {
            LOG.info("Refund {}: not made ({}, {})", key, declined.code(), declined.reference());
        } else {
            LOG.debug("Refund {}: {}", key, outcome);
        }
        return outcome;
    }

    private static ChargeOutcome logged(String key, ChargeOutcome outcome) {
        if (outcome instanceof ChargeOutcome.Unknown unknown) {
            LOG.warn("Charge {}: outcome unknown ({}); the billing run reconciles it under the same key", key,
                    unknown.detail());
        } else if (outcome instanceof ChargeOutcome.Declined declined) {
            LOG.info("Charge {}: declined ({}, {})", key, declined.code(), declined.providerReference());
        } else {
            LOG.debug("Charge {}: {}", key, outcome);
        }
        return outcome;
    }
}
