package org.billingsdk.examples.adapter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provisioning service in the test's process, on 127.0.0.1 and a free port: provisioning is
 * idempotent on the subscription id, an erasure answers 202 on its first DELETE and 204 on the
 * second, then 404. Requests without {@code Authorization: Bearer <token>} get 401. Thread-safe.
 */
final class ProvisioningServiceStub implements AutoCloseable {

    private final String token;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, String> bySubscription = new ConcurrentHashMap<>();
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final Set<String> erasing = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();

    private ProvisioningServiceStub(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/environments", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static ProvisioningServiceStub start(String token) {
        try {
            return new ProvisioningServiceStub(token);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the provisioning stub", e);
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the next request with {@code status} and no body. */
    void failNextWith(int status) {
        failNext.set(status);
    }

    /** "METHOD path" of every request, in order. */
    List<String> requests() {
        return new ArrayList<>(requests);
    }

    /** The Authorization header of every request, in order. */
    List<String> authorizations() {
        return new ArrayList<>(authorizations);
    }

    boolean isLive(String environment) {
        return live.contains(environment);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            requests.add(method + " " + path);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            int failure = failNext.getAndSet(0);
            if (failure != 0) {
                respond(exchange, failure, null);
            } else if (!("Bearer " + token).equals(authorization)) {
                respond(exchange, 401, null);
            } else if (method.equals("POST") && path.equals("/environments")) {
                provision(exchange);
            } else if (method.equals("DELETE") && path.startsWith("/environments/")) {
                erase(exchange, URLDecoder.decode(path.substring("/environments/".length()), StandardCharsets.UTF_8));
            } else {
                respond(exchange, 404, null);
            }
        } finally {
            exchange.close();
        }
    }

    private void provision(HttpExchange exchange) throws IOException {
        Map<String, Object> body;
        try (InputStream in = exchange.getRequestBody()) {
            body = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        if (!(body.get("subscription") instanceof String subscription) || !(body.get("company") instanceof String)
                || !(body.get("product") instanceof String product)) {
            respond(exchange, 400, null);
            return;
        }
        String environment = bySubscription.computeIfAbsent(subscription, id -> {
            String created = product + "-" + sequence.incrementAndGet();
            live.add(created);
            return created;
        });
        respond(exchange, 201, Json.object(Map.of("id", environment)));
    }

    private void erase(HttpExchange exchange, String environment) throws IOException {
        int status;
        synchronized (this) {
            if (!live.contains(environment)) {
                status = 404;
            } else if (erasing.add(environment)) {
                status = 202;
            } else {
                live.remove(environment);
                erasing.remove(environment);
                status = 204;
            }
        }
        respond(exchange, status, null);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
