package org.billingsdk.stripe;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Stripe's API on 127.0.0.1: answers built from Stripe's published example
 * objects ({@link Fixtures}), the resources the adapter uses kept in memory, and idempotency as
 * Stripe keeps it (the first answer under a key is replayed; the same key with other parameters
 * is refused). Records every request, and injects faults on request: an HTTP status before or
 * after the request is carried out, no answer until the client gives up, a malformed answer, a
 * dropped connection. Thread-safe.
 *
 * <p>Published in this module's test jar, so that suites running the assembled SDK (the examples'
 * reliability suite) charge through the real adapter against it.
 */
public final class StripeStub implements AutoCloseable {

    /** One request as the stub received it. */
    public record Request(String method, String path, Map<String, String> headers, Map<String, String> params,
            String body) {

        /** A header by name, case-insensitively; {@code null} if absent. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String param(String name) {
            return params.get(name);
        }

        @Override
        public String toString() {
            return method + " " + path + " " + params;
        }
    }

    /** When an injected fault strikes. */
    public enum When {
        /** Before the request is carried out: nothing happens, nothing is kept under its key. */
        BEFORE,
        /** After the request was carried out: the effect stays, the answer is lost or wrong. */
        AFTER
    }

    /** What an injected fault does. */
    public sealed interface Fault {
    }

    /** Answers an HTTP status with a Stripe error body (kept under the key when AFTER, as Stripe does). */
    public record Status(int status, String type, String code, When when) implements Fault {
    }

    /** Answers nothing until the client gives up (read time-out). */
    public record Hang(When when) implements Fault {
    }

    /** Answers HTTP 200 with a body that is not JSON, after carrying the request out. */
    public record Malformed() implements Fault {
    }

    /** Closes the connection without an answer. */
    public record Drop(When when) implements Fault {
    }

    /** What a payment method does when charged. */
    public enum ChargeBehaviour {
        SUCCEED, PROCESSING, DECLINE_INSUFFICIENT_FUNDS, DECLINE_GENERIC, AUTHENTICATION_REQUIRED
    }

    private record Scripted(String method, Pattern path, Fault fault) {
    }

    private record Kept(String fingerprint, int status, String body) {
    }

    private record Answer(int status, String body) {
    }

    /** The status a refund is made with, and for a failed or canceled one its failure reason. */
    private record RefundScript(String status, String failureReason) {
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]+");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stripe-stub");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch closing = new CountDownLatch(1);

    private final List<Request> requests = new ArrayList<>();
    private final Deque<Scripted> faults = new ArrayDeque<>();
    private final List<Fault> struck = new ArrayList<>();
    private final Map<String, Kept> idempotency = new HashMap<>();
    private final Map<String, JsonObject> customers = new LinkedHashMap<>();
    private final Map<String, JsonObject> taxIds = new LinkedHashMap<>();
    private final Map<String, JsonObject> setupIntents = new LinkedHashMap<>();
    private final Map<String, JsonObject> setupAttempts = new LinkedHashMap<>();
    private final Map<String, JsonObject> paymentMethods = new LinkedHashMap<>();
    private final Map<String, JsonObject> mandates = new LinkedHashMap<>();
    private final Map<String, JsonObject> paymentIntents = new LinkedHashMap<>();
    private final Map<String, ChargeBehaviour> behaviours = new HashMap<>();
    /** What the refunds of each PaymentIntent's charge have given back so far, in minor units. */
    private final Map<String, Long> refunded = new HashMap<>();
    private final Map<String, JsonObject> refunds = new LinkedHashMap<>();
    /** How the refunds of each PaymentIntent's charge are made; succeeded unless scripted. */
    private final Map<String, RefundScript> refundScripts = new HashMap<>();
    private int sequence;
    private int requestIds;
    private long created = 1_780_000_000L;

    private StripeStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a stub on a free port of the loopback interface; close it when done. */
    public static StripeStub start() {
        try {
            return new StripeStub();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the Stripe stub", e);
        }
    }

    /** Where the adapter should send its requests ({@code StripePayments.Builder.apiBase}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- scripting

    /** Injects a fault into the next request matching the method and path pattern. */
    public synchronized StripeStub fail(String method, String pathRegex, Fault fault) {
        faults.add(new Scripted(method, Pattern.compile(pathRegex), fault));
        return this;
    }

    /** Injects the same fault into the next {@code times} matching requests. */
    public synchronized StripeStub fail(String method, String pathRegex, Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            fail(method, pathRegex, fault);
        }
        return this;
    }

    /** Drops the injected faults that have not struck yet. */
    public synchronized void clearFaults() {
        faults.clear();
    }

    /** Makes charges of a payment method behave as given (cards succeed, SEPA debits process by default). */
    public synchronized void chargesOf(String paymentMethod, ChargeBehaviour behaviour) {
        behaviours.put(paymentMethod, behaviour);
    }

    /** Stripe forgets idempotency keys after 24 hours. */
    synchronized void forgetIdempotencyKeys() {
        idempotency.clear();
    }

    /** Finishes a processing SEPA payment, as the bank does days later. */
    public synchronized JsonObject settle(String paymentIntent, boolean succeeded) {
        JsonObject intent = paymentIntents.get(paymentIntent);
        if (succeeded) {
            intent.addProperty("status", "succeeded");
            intent.addProperty("amount_received", intent.get("amount").getAsLong());
        } else {
            intent.addProperty("status", "requires_payment_method");
            intent.add("last_payment_error", error("card_error", "payment_intent_payment_attempt_failed",
                    "insufficient_funds", "The direct debit was returned: insufficient funds.", null));
        }
        return intent.deepCopy();
    }

    /**
     * Makes the next refunds of a PaymentIntent's charge answer {@code status} ({@code succeeded}
     * until scripted): {@code pending} or {@code requires_action} for a refund under way (a SEPA
     * refund is pending for days), {@code failed} or {@code canceled} with Stripe's
     * {@code failure_reason} (such as {@code expired_or_canceled_card}).
     */
    public synchronized void refundsOf(String paymentIntent, String status, String failureReason) {
        checkRefundStatus(status, failureReason);
        refundScripts.put(paymentIntent, new RefundScript(status, failureReason));
    }

    /**
     * Moves a refund on, as the bank does days later: to {@code succeeded}, or to {@code failed} or
     * {@code canceled} with a {@code failure_reason}; a refund that failed or was canceled gives its
     * amount back to what is left to refund of the charge, as at Stripe.
     *
     * @return the refund as Stripe shows it now, for a {@code refund.updated} event
     */
    public synchronized JsonObject updateRefund(String refundId, String status, String failureReason) {
        checkRefundStatus(status, failureReason);
        JsonObject refund = refunds.get(refundId);
        if (refund == null) {
            throw new IllegalArgumentException("no refund " + refundId);
        }
        boolean wasCounted = countsAgainstTheCharge(text(refund, "status"));
        refund.addProperty("status", status);
        if (failureReason == null) {
            refund.remove("failure_reason");
        } else {
            refund.addProperty("failure_reason", failureReason);
        }
        if (wasCounted && !countsAgainstTheCharge(status)) {
            refunded.merge(text(refund, "payment_intent"), -refund.get("amount").getAsLong(), Long::sum);
        }
        return refund.deepCopy();
    }

    /** What the customer's browser does with a card set-up: Stripe.js confirms it with a new card. */
    public synchronized String confirmSetupWithCard(String setupIntent, String brand, String last4, int expMonth,
            int expYear) {
        JsonObject method = newPaymentMethod("card");
        JsonObject card = method.getAsJsonObject("card");
        card.addProperty("brand", brand);
        card.addProperty("display_brand", brand);
        card.addProperty("last4", last4);
        card.addProperty("exp_month", expMonth);
        card.addProperty("exp_year", expYear);
        succeedSetup(setupIntent, method, null, null);
        return method.get("id").getAsString();
    }

    /** A SEPA Direct Debit set-up the customer confirmed with an IBAN: a method and its mandate. */
    public synchronized String confirmSetupWithSepa(String setupIntent, String bankCode, String last4,
            String reference) {
        JsonObject method = newPaymentMethod("sepa_debit");
        JsonObject sepa = new JsonObject();
        sepa.addProperty("bank_code", bankCode);
        sepa.add("branch_code", JsonNull.INSTANCE);
        sepa.addProperty("country", "DE");
        sepa.addProperty("fingerprint", "fp" + next());
        sepa.add("generated_from", JsonNull.INSTANCE);
        sepa.addProperty("last4", last4);
        method.add("sepa_debit", sepa);
        JsonObject mandate = newMandate(method.get("id").getAsString(), reference);
        succeedSetup(setupIntent, method, mandate.get("id").getAsString(), null);
        return method.get("id").getAsString();
    }

    /**
     * An iDEAL set-up the customer finished at the bank: an {@code ideal} method, and the reusable
     * {@code sepa_debit} method and mandate Stripe generates, named in the latest attempt.
     *
     * @return the generated SEPA Direct Debit method's id
     */
    synchronized String confirmSetupWithIdeal(String setupIntent, String bank, String ibanLast4, String reference) {
        JsonObject ideal = newPaymentMethod("ideal");
        JsonObject idealDetails = new JsonObject();
        idealDetails.addProperty("bank", bank);
        idealDetails.addProperty("bic", "INGBNL2A");
        ideal.add("ideal", idealDetails);
        ideal.add("customer", JsonNull.INSTANCE);
        JsonObject generated = newPaymentMethod("sepa_debit");
        JsonObject sepa = new JsonObject();
        sepa.addProperty("bank_code", "INGB");
        sepa.addProperty("country", "NL");
        sepa.addProperty("last4", ibanLast4);
        generated.add("sepa_debit", sepa);
        generated.addProperty("customer", setupIntents.get(setupIntent).get("customer").getAsString());
        JsonObject mandate = newMandate(generated.get("id").getAsString(), reference);
        JsonObject details = new JsonObject();
        details.addProperty("type", "ideal");
        JsonObject attemptIdeal = new JsonObject();
        attemptIdeal.addProperty("bank", bank);
        attemptIdeal.addProperty("bic", "INGBNL2A");
        attemptIdeal.addProperty("generated_sepa_debit", generated.get("id").getAsString());
        attemptIdeal.addProperty("generated_sepa_debit_mandate", mandate.get("id").getAsString());
        attemptIdeal.addProperty("iban_last4", ibanLast4);
        attemptIdeal.addProperty("verified_name", "Jenny Rosen");
        details.add("ideal", attemptIdeal);
        succeedSetup(setupIntent, ideal, null, details);
        return generated.get("id").getAsString();
    }

    /** The customer's bank or card refused the set-up. */
    synchronized void failSetup(String setupIntent, String code, String message) {
        JsonObject intent = setupIntents.get(setupIntent);
        intent.addProperty("status", "requires_payment_method");
        intent.add("last_setup_error", error("card_error", code, null, message, null));
    }

    // ---------------------------------------------------------------- webhooks

    /** An event of {@code type} around {@code object}, as Stripe delivers it, from Stripe's example event. */
    public static String event(String id, String type, JsonObject object) {
        JsonObject event = Fixtures.of("event");
        event.addProperty("id", id);
        event.addProperty("type", type);
        event.addProperty("api_version", "2026-07-29.dahlia");
        JsonObject data = new JsonObject();
        data.add("object", object);
        event.add("data", data);
        return event.toString();
    }

    /**
     * The {@code Stripe-Signature} header Stripe sends with {@code payload}, signed with {@code secret}
     * at {@code at}.
     */
    public static String signature(String payload, String secret, Instant at) {
        try {
            long t = at.getEpochSecond();
            return "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(secret, t + "." + payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- inspection

    /** Every request received, in order. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests whose method is {@code method} and whose path matches {@code pathRegex}. */
    synchronized List<Request> requests(String method, String pathRegex) {
        Predicate<String> path = Pattern.compile(pathRegex).asMatchPredicate();
        return requests.stream().filter(r -> r.method().equals(method) && path.test(r.path())).toList();
    }

    /** The injected faults that struck a request, in order. */
    public synchronized List<Fault> faultsStruck() {
        return List.copyOf(struck);
    }

    synchronized void clearRequests() {
        requests.clear();
    }

    synchronized int customerCount() {
        return customers.size();
    }

    /** PaymentIntents of a customer made outside the adapter (older history), without HTTP. */
    synchronized void seedPaymentIntents(String customer, String paymentMethod, int count) {
        for (int i = 0; i < count; i++) {
            JsonObject intent = Fixtures.of("payment_intent");
            String id = "pi_seed" + next();
            intent.addProperty("id", id);
            intent.addProperty("customer", customer);
            intent.addProperty("payment_method", paymentMethod);
            intent.addProperty("amount", 100);
            intent.addProperty("currency", "eur");
            intent.addProperty("status", "succeeded");
            intent.addProperty("amount_received", 100);
            intent.addProperty("latest_charge", "ch_seed" + next());
            intent.add("last_payment_error", JsonNull.INSTANCE);
            intent.add("transfer_data", JsonNull.INSTANCE);
            intent.add("metadata", new JsonObject());
            paymentIntents.put(id, intent);
        }
    }

    /** A PaymentIntent made under a charge request's key but never confirmed. */
    synchronized String seedUnconfirmed(String customer, String paymentMethod, long amount,
            org.billingsdk.core.port.PaymentProvider.ChargeRequest request) {
        JsonObject intent = Fixtures.of("payment_intent");
        String id = "pi_stub" + next();
        intent.addProperty("id", id);
        intent.addProperty("customer", customer);
        intent.addProperty("payment_method", paymentMethod);
        intent.addProperty("amount", amount);
        intent.addProperty("currency", request.amount().getCurrency().getCurrencyCode().toLowerCase(Locale.ROOT));
        intent.addProperty("status", "requires_confirmation");
        intent.add("last_payment_error", JsonNull.INSTANCE);
        intent.add("transfer_data", JsonNull.INSTANCE);
        JsonObject metadata = new JsonObject();
        metadata.addProperty(StripeCharges.INVOICE_METADATA, request.invoiceId().toString());
        metadata.addProperty(StripeCharges.ATTEMPT_METADATA, Integer.toString(request.attempt()));
        metadata.addProperty(StripeCharges.KEY_METADATA, request.idempotencyKey().value());
        intent.add("metadata", metadata);
        paymentIntents.put(id, intent);
        return id;
    }

    /** The refunds made under a refund's own idempotency key (its {@code billing_refund_key} metadata). */
    public synchronized List<JsonObject> refundsUnder(String refundKey) {
        return refunds.values().stream()
                .filter(refund -> refundKey.equals(metadata(refund, StripeCharges.REFUND_KEY_METADATA)))
                .map(JsonObject::deepCopy).toList();
    }

    /** The refunds of the charge made under {@code chargeKey} (their {@code billing_idempotency_key} metadata). */
    public synchronized List<JsonObject> refundsOfCharge(String chargeKey) {
        return refunds.values().stream()
                .filter(refund -> chargeKey.equals(metadata(refund, StripeCharges.KEY_METADATA)))
                .map(JsonObject::deepCopy).toList();
    }

    synchronized JsonObject customer(String id) {
        JsonObject customer = customers.get(id);
        return customer == null ? null : customer.deepCopy();
    }

    synchronized List<JsonObject> taxIdsOf(String customer) {
        return taxIds.values().stream().filter(t -> customer.equals(t.get("customer").getAsString()))
                .map(JsonObject::deepCopy).toList();
    }

    synchronized JsonObject setupIntent(String id) {
        return setupIntents.get(id).deepCopy();
    }

    synchronized JsonObject paymentMethod(String id) {
        return paymentMethods.get(id).deepCopy();
    }

    /** Every PaymentIntent, as Stripe would show it now, oldest first. */
    public synchronized List<JsonObject> paymentIntents() {
        return paymentIntents.values().stream().map(JsonObject::deepCopy).toList();
    }

    /** The PaymentIntents made under an idempotency key (metadata), however many. */
    synchronized List<JsonObject> paymentIntentsUnder(String key) {
        return paymentIntents.values().stream()
                .filter(pi -> key.equals(metadata(pi, StripeCharges.KEY_METADATA)))
                .map(JsonObject::deepCopy).toList();
    }

    /**
     * How many PaymentIntents succeeded for each invoice (by the invoice id in their metadata): an
     * invoice charged twice shows as 2.
     */
    public synchronized Map<String, Integer> succeededChargesPerInvoice() {
        Map<String, Integer> charges = new TreeMap<>();
        paymentIntents.values().stream()
                .filter(pi -> "succeeded".equals(pi.get("status").getAsString()))
                .map(pi -> metadata(pi, StripeCharges.INVOICE_METADATA))
                .filter(Objects::nonNull)
                .forEach(invoice -> charges.merge(invoice, 1, Integer::sum));
        return charges;
    }

    /** How many customers each company has (by the company id in their metadata): a duplicate shows as 2. */
    public synchronized Map<String, Integer> customersPerCompany() {
        Map<String, Integer> counts = new TreeMap<>();
        customers.values().stream()
                .map(customer -> metadata(customer, StripeCustomers.COMPANY_METADATA))
                .filter(Objects::nonNull)
                .forEach(company -> counts.merge(company, 1, Integer::sum));
        return counts;
    }

    /** The money taken for an invoice, in minor units, over all its PaymentIntents: a double charge shows. */
    synchronized long capturedFor(String invoiceId) {
        return paymentIntents.values().stream()
                .filter(pi -> invoiceId.equals(metadata(pi, StripeCharges.INVOICE_METADATA)))
                .filter(pi -> "succeeded".equals(pi.get("status").getAsString()))
                .mapToLong(pi -> pi.get("amount").getAsLong()).sum();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            Map<String, String> params = decode(method.equals("POST") ? body : uri.getRawQuery());
            Request request = new Request(method, uri.getPath(), Map.copyOf(headers), params, body);
            Fault fault;
            Answer answer;
            synchronized (this) {
                requests.add(request);
                fault = takeFault(request);
                answer = beforeOrCarryOut(request, fault);
            }
            if (fault instanceof Hang) {
                awaitClientGivingUp();
                return;
            }
            if (fault instanceof Drop) {
                return;   // closed without an answer
            }
            if (fault instanceof Malformed) {
                answer = new Answer(200, "{\"id\": \"pi_trunc");
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Request-Id", "req_stub" + nextSynchronized());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        } finally {
            exchange.close();
        }
    }

    private void awaitClientGivingUp() {
        try {
            closing.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized int nextSynchronized() {
        return ++requestIds;
    }

    private Fault takeFault(Request request) {
        for (Iterator<Scripted> it = faults.iterator(); it.hasNext(); ) {
            Scripted scripted = it.next();
            if (scripted.method().equals(request.method()) && scripted.path().matcher(request.path()).matches()) {
                it.remove();
                struck.add(scripted.fault());
                return scripted.fault();
            }
        }
        return null;
    }

    /** The answer, after the fault's BEFORE part and the request's effect with Stripe's idempotency. */
    private Answer beforeOrCarryOut(Request request, Fault fault) {
        if (fault instanceof Status status && status.when() == When.BEFORE) {
            String message = status.status() == 401 ? "Invalid API Key provided: " + masked(request) : "Injected fault";
            return new Answer(status.status(), errorBody(status.type(), status.code(), null, message, null));
        }
        if ((fault instanceof Hang hang && hang.when() == When.BEFORE)
                || (fault instanceof Drop drop && drop.when() == When.BEFORE)) {
            return null;
        }
        String key = request.method().equals("POST") || request.method().equals("DELETE")
                ? request.header("Idempotency-Key") : null;
        String fingerprint = request.method() + " " + request.path() + " " + new TreeMap<>(request.params());
        if (key != null && idempotency.containsKey(key)) {
            Kept kept = idempotency.get(key);
            if (!kept.fingerprint().equals(fingerprint)) {
                return new Answer(400, errorBody("idempotency_error", null, null,
                        "Keys for idempotent requests can only be used with the same parameters they were first"
                                + " used with.", null));
            }
            return new Answer(kept.status(), kept.body());
        }
        Answer answer = route(request);
        if (fault instanceof Status status) {
            answer = new Answer(status.status(), errorBody(status.type(), status.code(), null,
                    "Injected fault after the request was carried out", null));
        }
        if (key != null) {
            idempotency.put(key, new Kept(fingerprint, answer.status(), answer.body()));
        }
        return answer;
    }

    private Answer route(Request request) {
        String m = request.method();
        String[] parts = request.path().substring(1).split("/");
        if (parts.length < 2 || !parts[0].equals("v1")) {
            return notFound("Unrecognized request URL");
        }
        String resource = parts[1];
        String id = parts.length > 2 ? parts[2] : null;
        String sub = parts.length > 3 ? parts[3] : null;
        if (id != null && !ID.matcher(id).matches()) {
            return notFound("Invalid id");
        }
        switch (resource) {
            case "customers":
                if (id == null && m.equals("POST")) {
                    return createCustomer(request);
                }
                if (id != null && sub == null && m.equals("POST")) {
                    return updateCustomer(id, request);
                }
                if (id != null && sub == null && m.equals("GET")) {
                    return found(customers.get(id), "customer", id);
                }
                if ("tax_ids".equals(sub)) {
                    return taxIds(m, id, parts.length > 4 ? parts[4] : null, request);
                }
                if ("payment_methods".equals(sub) && m.equals("GET")) {
                    return list(paymentMethods.values().stream()
                            .filter(pm -> id.equals(text(pm, "customer"))).toList(), request,
                            "/v1/customers/" + id + "/payment_methods");
                }
                break;
            case "setup_intents":
                if (id == null && m.equals("POST")) {
                    return createSetupIntent(request);
                }
                if (id != null && m.equals("GET")) {
                    return retrieveSetupIntent(id, request);
                }
                break;
            case "payment_methods":
                if (id != null && sub == null && m.equals("GET")) {
                    return found(paymentMethods.get(id), "payment_method", id);
                }
                if (id != null && "detach".equals(sub) && m.equals("POST")) {
                    return detach(id);
                }
                break;
            case "mandates":
                if (id != null && m.equals("GET")) {
                    return found(mandates.get(id), "mandate", id);
                }
                break;
            case "payment_intents":
                if (id == null && m.equals("POST")) {
                    return createPaymentIntent(request);
                }
                if (id == null && m.equals("GET")) {
                    String customer = request.param("customer");
                    return list(paymentIntents.values().stream()
                            .filter(pi -> customer == null || customer.equals(text(pi, "customer"))).toList(),
                            request, "/v1/payment_intents");
                }
                if (id != null && sub == null && m.equals("GET")) {
                    return found(paymentIntents.get(id), "payment_intent", id);
                }
                if (id != null && "confirm".equals(sub) && m.equals("POST")) {
                    JsonObject intent = paymentIntents.get(id);
                    if (intent == null) {
                        return notFound("No such payment_intent: '" + id + "'");
                    }
                    return confirm(intent);
                }
                break;
            case "refunds":
                if (id == null && m.equals("POST")) {
                    return createRefund(request);
                }
                if (id == null && m.equals("GET")) {
                    String paymentIntent = request.param("payment_intent");
                    return list(refunds.values().stream()
                            .filter(re -> paymentIntent == null || paymentIntent.equals(text(re, "payment_intent")))
                            .toList(), request, "/v1/refunds");
                }
                if (id != null && sub == null && m.equals("GET")) {
                    return found(refunds.get(id), "refund", id);
                }
                break;
            default:
                break;
        }
        return notFound("Unrecognized request URL (" + m + ": " + request.path() + ")");
    }

    private Answer createCustomer(Request request) {
        JsonObject customer = Fixtures.of("customer");
        String id = "cus_stub" + next();
        customer.addProperty("id", id);
        customer.addProperty("created", created++);
        customer.add("discount", JsonNull.INSTANCE);
        customer.add("currency", JsonNull.INSTANCE);
        customer.add("metadata", new JsonObject());
        applyCustomer(customer, request);
        customers.put(id, customer);
        return ok(customer);
    }

    private Answer updateCustomer(String id, Request request) {
        JsonObject customer = customers.get(id);
        if (customer == null) {
            return notFound("No such customer: '" + id + "'");
        }
        applyCustomer(customer, request);
        String defaultMethod = request.param("invoice_settings[default_payment_method]");
        if (defaultMethod != null) {
            JsonObject method = paymentMethods.get(defaultMethod);
            if (method == null || !id.equals(text(method, "customer"))) {
                return new Answer(400, errorBody("invalid_request_error", "resource_missing", null,
                        "No such PaymentMethod: '" + defaultMethod + "'", "invoice_settings[default_payment_method]"));
            }
            customer.getAsJsonObject("invoice_settings").addProperty("default_payment_method", defaultMethod);
        }
        return ok(customer);
    }

    private void applyCustomer(JsonObject customer, Request request) {
        request.params().forEach((name, value) -> {
            if (name.equals("name") || name.equals("email")) {
                customer.addProperty(name, value);
            } else if (name.equals("address") && value.isEmpty()) {
                JsonObject empty = Fixtures.of("customer").getAsJsonObject("address");
                customer.add("address", empty);
            } else if (name.startsWith("address[")) {
                String field = name.substring("address[".length(), name.length() - 1);
                if (value.isEmpty()) {
                    customer.getAsJsonObject("address").add(field, JsonNull.INSTANCE);
                } else {
                    customer.getAsJsonObject("address").addProperty(field, value);
                }
            } else if (name.startsWith("metadata[")) {
                customer.getAsJsonObject("metadata").addProperty(name.substring(9, name.length() - 1), value);
            }
        });
    }

    private Answer taxIds(String method, String customer, String taxId, Request request) {
        if (!customers.containsKey(customer)) {
            return notFound("No such customer: '" + customer + "'");
        }
        if (method.equals("GET") && taxId == null) {
            return list(taxIds.values().stream().filter(t -> customer.equals(text(t, "customer"))).toList(), request,
                    "/v1/customers/" + customer + "/tax_ids");
        }
        if (method.equals("POST") && taxId == null) {
            String value = request.param("value");
            if (value == null || !value.matches("[A-Z]{2}[0-9A-Z]{2,13}")) {
                return new Answer(400, errorBody("invalid_request_error", "tax_id_invalid", null,
                        "Invalid value for eu_vat.", "value"));
            }
            JsonObject tax = Fixtures.of("tax_id");
            String id = "txi_stub" + next();
            tax.addProperty("id", id);
            tax.addProperty("customer", customer);
            tax.getAsJsonObject("owner").addProperty("customer", customer);
            tax.addProperty("type", request.param("type"));
            tax.addProperty("value", value);
            tax.addProperty("country", value.substring(0, 2));
            taxIds.put(id, tax);
            return ok(tax);
        }
        if (method.equals("DELETE") && taxId != null) {
            if (taxIds.remove(taxId) == null) {
                return notFound("No such tax id: '" + taxId + "'");
            }
            JsonObject deleted = Fixtures.of("deleted_tax_id");
            deleted.addProperty("id", taxId);
            return ok(deleted);
        }
        return notFound("Unrecognized request URL");
    }

    private Answer createSetupIntent(Request request) {
        String customer = request.param("customer");
        if (customer != null && !customers.containsKey(customer)) {
            return new Answer(400, errorBody("invalid_request_error", "resource_missing", null,
                    "No such customer: '" + customer + "'", "customer"));
        }
        JsonObject intent = Fixtures.of("setup_intent");
        String id = "seti_stub" + next();
        intent.addProperty("id", id);
        intent.addProperty("client_secret", id + "_secret_" + Integer.toHexString(Objects.hash(id, sequence)));
        intent.addProperty("created", created++);
        intent.addProperty("customer", customer);
        intent.add("last_setup_error", JsonNull.INSTANCE);
        intent.add("next_action", JsonNull.INSTANCE);
        JsonArray types = new JsonArray();
        for (int i = 0; request.param("payment_method_types[" + i + "]") != null; i++) {
            types.add(request.param("payment_method_types[" + i + "]"));
        }
        intent.add("payment_method_types", types);
        intent.addProperty("usage", Objects.requireNonNullElse(request.param("usage"), "off_session"));
        intent.addProperty("status", "requires_payment_method");
        JsonObject metadata = new JsonObject();
        request.params().forEach((name, value) -> {
            if (name.startsWith("metadata[")) {
                metadata.addProperty(name.substring(9, name.length() - 1), value);
            }
        });
        intent.add("metadata", metadata);
        setupIntents.put(id, intent);
        return ok(intent);
    }

    private Answer retrieveSetupIntent(String id, Request request) {
        JsonObject intent = setupIntents.get(id);
        if (intent == null) {
            return notFound("No such setupintent: '" + id + "'");
        }
        JsonObject answer = intent.deepCopy();
        for (int i = 0; request.param("expand[" + i + "]") != null; i++) {
            String field = request.param("expand[" + i + "]");
            JsonElement value = answer.get(field);
            if (value == null || value.isJsonNull()) {
                continue;
            }
            String ref = value.getAsString();
            JsonObject expanded = field.equals("payment_method") ? paymentMethods.get(ref)
                    : field.equals("latest_attempt") ? setupAttempts.get(ref)
                    : field.equals("mandate") ? mandates.get(ref) : null;
            if (expanded != null) {
                answer.add(field, expanded.deepCopy());
            }
        }
        return ok(answer);
    }

    private Answer detach(String id) {
        JsonObject method = paymentMethods.get(id);
        if (method == null) {
            return notFound("No such PaymentMethod: '" + id + "'");
        }
        if (method.get("customer").isJsonNull()) {
            return new Answer(400, errorBody("invalid_request_error", null, null,
                    "The payment method you provided is not attached to a customer so detachment is impossible.",
                    null));
        }
        String customer = method.get("customer").getAsString();
        method.add("customer", JsonNull.INSTANCE);
        JsonObject owner = customers.get(customer);
        if (owner != null && id.equals(text(owner.getAsJsonObject("invoice_settings"), "default_payment_method"))) {
            owner.getAsJsonObject("invoice_settings").add("default_payment_method", JsonNull.INSTANCE);
        }
        return ok(method);
    }

    /**
     * A refund of a succeeded PaymentIntent's charge, built from Stripe's published refund object.
     * As Stripe does, the refunds of a charge never add up to more than it took: without an amount
     * the refund is of what is left; a charge refunded in full refuses any more
     * ({@code charge_already_refunded}) and an amount above what is left is refused
     * ({@code amount_too_large}), both HTTP 400 {@code invalid_request_error}. The refund is made
     * with the status scripted for the PaymentIntent ({@link #refundsOf}); one made failed or
     * canceled gives nothing back, so it leaves what is left of the charge as it was.
     */
    private Answer createRefund(Request request) {
        String intentId = request.param("payment_intent");
        JsonObject intent = paymentIntents.get(intentId);
        if (intent == null || !"succeeded".equals(text(intent, "status"))) {
            return new Answer(400, errorBody("invalid_request_error", "charge_not_refundable", null,
                    "PaymentIntent '" + intentId + "' has no succeeded charge to refund.", "payment_intent"));
        }
        String charge = text(intent, "latest_charge");
        String currency = text(intent, "currency");
        long taken = intent.get("amount_received").getAsLong();
        long left = taken - refunded.getOrDefault(intentId, 0L);
        if (left <= 0) {
            return new Answer(400, errorBody("invalid_request_error", "charge_already_refunded", null,
                    "Charge " + charge + " has already been refunded.", null));
        }
        long amount = request.param("amount") == null ? left : Long.parseLong(request.param("amount"));
        if (amount > left) {
            return new Answer(400, errorBody("invalid_request_error", "amount_too_large", null,
                    "Refund amount (" + money(amount, currency) + ") is greater than unrefunded amount on charge ("
                            + money(left, currency) + ")", "amount"));
        }
        RefundScript script = refundScripts.getOrDefault(intentId, new RefundScript("succeeded", null));
        String status = script.status();
        if (countsAgainstTheCharge(status)) {
            refunded.merge(intentId, amount, Long::sum);
        }
        JsonObject refund = Fixtures.of("refund");
        String id = "re_stub" + next();
        refund.addProperty("id", id);
        refund.addProperty("object", "refund");
        refund.addProperty("amount", amount);
        refund.addProperty("charge", charge);
        refund.addProperty("currency", currency);
        refund.addProperty("payment_intent", intentId);
        refund.addProperty("status", status);
        if (script.failureReason() != null) {
            refund.addProperty("failure_reason", script.failureReason());
        }
        refund.addProperty("created", created++);
        JsonObject metadata = new JsonObject();
        request.params().forEach((name, value) -> {
            if (name.startsWith("metadata[")) {
                metadata.addProperty(name.substring(9, name.length() - 1), value);
            }
        });
        refund.add("metadata", metadata);
        refunds.put(id, refund);
        return ok(refund);
    }

    /** Whether a refund in {@code status} gives money back, or will: not once it failed or was canceled. */
    private static boolean countsAgainstTheCharge(String status) {
        return !status.equals("failed") && !status.equals("canceled");
    }

    /** Stripe's statuses of a Refund; only a failed or canceled one has a {@code failure_reason}. */
    private static void checkRefundStatus(String status, String failureReason) {
        if (!List.of("pending", "requires_action", "succeeded", "failed", "canceled").contains(status)) {
            throw new IllegalArgumentException("Stripe has no refund status " + status);
        }
        if (failureReason != null && countsAgainstTheCharge(status)) {
            throw new IllegalArgumentException("only a failed or canceled refund has a failure_reason");
        }
    }

    /** An amount in minor units as Stripe quotes it in a message: {@code EUR 49.00}, {@code JPY 4900}. */
    private static String money(long minor, String currency) {
        Currency unit = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
        return unit.getCurrencyCode() + " "
                + BigDecimal.valueOf(minor, Math.max(0, unit.getDefaultFractionDigits())).toPlainString();
    }

    private Answer createPaymentIntent(Request request) {
        String customer = request.param("customer");
        String methodId = request.param("payment_method");
        long amount = Long.parseLong(request.param("amount"));
        if (!customers.containsKey(customer)) {
            return new Answer(400, errorBody("invalid_request_error", "resource_missing", null,
                    "No such customer: '" + customer + "'", "customer"));
        }
        JsonObject method = paymentMethods.get(methodId);
        if (method == null || !customer.equals(text(method, "customer"))) {
            return new Answer(400, errorBody("invalid_request_error", "resource_missing", null,
                    "No such PaymentMethod: '" + methodId + "'", "payment_method"));
        }
        JsonObject intent = Fixtures.of("payment_intent");
        String id = "pi_stub" + next();
        intent.addProperty("id", id);
        intent.addProperty("object", "payment_intent");
        intent.addProperty("amount", amount);
        intent.addProperty("amount_received", 0);
        intent.addProperty("currency", request.param("currency"));
        intent.addProperty("customer", customer);
        intent.addProperty("payment_method", methodId);
        intent.addProperty("description", request.param("description"));
        intent.addProperty("client_secret", id + "_secret_" + Integer.toHexString(Objects.hash(id)));
        intent.addProperty("created", created++);
        intent.add("canceled_at", JsonNull.INSTANCE);
        intent.add("last_payment_error", JsonNull.INSTANCE);
        intent.add("next_action", JsonNull.INSTANCE);
        intent.add("processing", JsonNull.INSTANCE);
        intent.add("transfer_data", JsonNull.INSTANCE);
        JsonArray types = new JsonArray();
        types.add(method.get("type").getAsString());
        intent.add("payment_method_types", types);
        JsonObject metadata = new JsonObject();
        request.params().forEach((name, value) -> {
            if (name.startsWith("metadata[")) {
                metadata.addProperty(name.substring(9, name.length() - 1), value);
            }
        });
        intent.add("metadata", metadata);
        intent.addProperty("status", "requires_confirmation");
        paymentIntents.put(id, intent);
        if (!"true".equals(request.param("confirm"))) {
            return ok(intent);
        }
        return confirm(intent);
    }

    private Answer confirm(JsonObject intent) {
        String methodId = intent.get("payment_method").getAsString();
        JsonObject method = paymentMethods.get(methodId);
        ChargeBehaviour behaviour = behaviours.getOrDefault(methodId,
                "sepa_debit".equals(text(method, "type")) ? ChargeBehaviour.PROCESSING : ChargeBehaviour.SUCCEED);
        switch (behaviour) {
            case SUCCEED:
                intent.addProperty("status", "succeeded");
                intent.addProperty("amount_received", intent.get("amount").getAsLong());
                intent.addProperty("latest_charge", "ch_stub" + next());
                return ok(intent);
            case PROCESSING:
                intent.addProperty("status", "processing");
                intent.addProperty("latest_charge", "ch_stub" + next());
                JsonObject processing = new JsonObject();
                processing.addProperty("type", text(method, "type"));
                intent.add("processing", processing);
                return ok(intent);
            default:
                String code = behaviour == ChargeBehaviour.AUTHENTICATION_REQUIRED ? "authentication_required"
                        : "card_declined";
                String decline = behaviour == ChargeBehaviour.DECLINE_INSUFFICIENT_FUNDS ? "insufficient_funds"
                        : behaviour == ChargeBehaviour.DECLINE_GENERIC ? "generic_decline" : null;
                String message = behaviour == ChargeBehaviour.DECLINE_INSUFFICIENT_FUNDS
                        ? "Your card has insufficient funds."
                        : behaviour == ChargeBehaviour.AUTHENTICATION_REQUIRED
                                ? "This payment requires authentication." : "Your card was declined.";
                intent.addProperty("status", "requires_payment_method");
                intent.add("last_payment_error", error("card_error", code, decline, message, null));
                return new Answer(402, errorBody("card_error", code, decline, message, null, intent));
        }
    }

    // ---------------------------------------------------------------- objects

    private JsonObject newPaymentMethod(String type) {
        JsonObject method = Fixtures.of("payment_method");
        String id = "pm_stub" + next();
        method.addProperty("id", id);
        method.addProperty("type", type);
        method.addProperty("created", created++);
        method.add("metadata", new JsonObject());
        if (!type.equals("card")) {
            method.remove("card");
        }
        paymentMethods.put(id, method);
        return method;
    }

    private JsonObject newMandate(String paymentMethod, String reference) {
        JsonObject mandate = Fixtures.of("mandate");
        String id = "mandate_stub" + next();
        mandate.addProperty("id", id);
        mandate.addProperty("payment_method", paymentMethod);
        mandate.getAsJsonObject("payment_method_details").getAsJsonObject("sepa_debit")
                .addProperty("reference", reference);
        mandates.put(id, mandate);
        return mandate;
    }

    private void succeedSetup(String setupIntent, JsonObject method, String mandate, JsonObject attemptDetails) {
        JsonObject intent = setupIntents.get(setupIntent);
        String customer = intent.get("customer").getAsString();
        if (!method.get("type").getAsString().equals("ideal")) {
            method.addProperty("customer", customer);
        }
        JsonObject attempt = Fixtures.of("setup_attempt");
        String attemptId = "setatt_stub" + next();
        attempt.addProperty("id", attemptId);
        attempt.addProperty("customer", customer);
        attempt.addProperty("payment_method", method.get("id").getAsString());
        attempt.addProperty("setup_intent", setupIntent);
        attempt.add("setup_error", JsonNull.INSTANCE);
        if (attemptDetails != null) {
            attempt.add("payment_method_details", attemptDetails);
        } else if (!method.get("type").getAsString().equals("card")) {
            JsonObject details = new JsonObject();
            details.addProperty("type", method.get("type").getAsString());
            details.add(method.get("type").getAsString(), new JsonObject());
            attempt.add("payment_method_details", details);
        }
        setupAttempts.put(attemptId, attempt);
        intent.addProperty("status", "succeeded");
        intent.addProperty("payment_method", method.get("id").getAsString());
        intent.addProperty("latest_attempt", attemptId);
        if (mandate != null) {
            intent.addProperty("mandate", mandate);
        }
        intent.add("last_setup_error", JsonNull.INSTANCE);
    }

    // ---------------------------------------------------------------- helpers

    private int next() {
        return ++sequence;
    }

    private Answer list(List<JsonObject> all, Request request, String url) {
        List<JsonObject> newestFirst = new ArrayList<>(all);
        java.util.Collections.reverse(newestFirst);
        String after = request.param("starting_after");
        int from = 0;
        if (after != null) {
            for (int i = 0; i < newestFirst.size(); i++) {
                if (after.equals(text(newestFirst.get(i), "id"))) {
                    from = i + 1;
                }
            }
        }
        int limit = request.param("limit") == null ? 10 : Integer.parseInt(request.param("limit"));
        List<JsonObject> page = newestFirst.subList(Math.min(from, newestFirst.size()),
                Math.min(from + limit, newestFirst.size()));
        JsonObject list = new JsonObject();
        list.addProperty("object", "list");
        JsonArray data = new JsonArray();
        page.forEach(item -> data.add(item.deepCopy()));
        list.add("data", data);
        list.addProperty("has_more", from + limit < newestFirst.size());
        list.addProperty("url", url);
        return ok(list);
    }

    private static Answer ok(JsonObject object) {
        return new Answer(200, object.toString());
    }

    private static Answer found(JsonObject object, String type, String id) {
        return object == null ? notFound("No such " + type + ": '" + id + "'") : ok(object);
    }

    private static Answer notFound(String message) {
        return new Answer(404, errorBody("invalid_request_error", "resource_missing", null, message, "id"));
    }

    private static JsonObject error(String type, String code, String declineCode, String message, String param) {
        JsonObject error = new JsonObject();
        error.addProperty("type", type);
        if (code != null) {
            error.addProperty("code", code);
        }
        if (declineCode != null) {
            error.addProperty("decline_code", declineCode);
        }
        error.addProperty("message", message);
        if (param != null) {
            error.addProperty("param", param);
        }
        return error;
    }

    private static String errorBody(String type, String code, String declineCode, String message, String param) {
        return errorBody(type, code, declineCode, message, param, null);
    }

    private static String errorBody(String type, String code, String declineCode, String message, String param,
            JsonObject paymentIntent) {
        JsonObject error = error(type, code, declineCode, message, param);
        if (paymentIntent != null) {
            error.add("payment_intent", paymentIntent.deepCopy());
        }
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body.toString();
    }

    static String text(JsonObject object, String member) {
        JsonElement element = object == null ? null : object.get(member);
        return element == null || element.isJsonNull() ? null : element.getAsString();
    }

    private static String metadata(JsonObject object, String key) {
        JsonObject metadata = object.getAsJsonObject("metadata");
        return metadata == null ? null : text(metadata, key);
    }

    /** The key as Stripe quotes it in a 401: prefix, stars, last four. */
    private static String masked(Request request) {
        String key = Objects.requireNonNullElse(request.header("Authorization"), "").replace("Bearer ", "");
        int prefix = key.indexOf('_', key.indexOf('_') + 1) + 1;
        return key.substring(0, prefix) + "*".repeat(Math.max(0, key.length() - prefix - 4))
                + key.substring(Math.max(prefix, key.length() - 4));
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return params;
        }
        for (String pair : form.split("&")) {
            Matcher matcher = Pattern.compile("([^=]*)=?(.*)").matcher(pair);
            if (matcher.matches()) {
                params.put(URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8),
                        URLDecoder.decode(matcher.group(2), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
