package org.billingsdk.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for VIES's REST {@code check-vat-number}, for the tour (this machine does not
 * reach the real one): the JDK's HTTP server on a free loopback port, answering in VIES's published
 * format. A number is valid (with a name and an address), unknown (invalid), or its member state's
 * system is down ({@code MS_UNAVAILABLE}), as the tour sets it.
 */
final class LocalVies implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpServer server;
    private final Map<String, String[]> registered = new ConcurrentHashMap<>();
    private final Map<String, Boolean> down = new ConcurrentHashMap<>();
    private final AtomicInteger consultations = new AtomicInteger(4_711);

    LocalVies(Clock clock) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/check-vat-number", exchange -> {
            JsonNode asked = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String country = asked.path("countryCode").asString();
            String number = country + asked.path("vatNumber").asString();
            String answer;
            if (down.getOrDefault(country, false)) {
                answer = "{\"actionSucceed\":false,\"errorWrappers\":[{\"error\":\"MS_UNAVAILABLE\"}]}";
            } else {
                String[] trader = registered.get(number);
                answer = JSON.writeValueAsString(Map.of("countryCode", country,
                        "vatNumber", asked.path("vatNumber").asString(),
                        "requestDate", clock.instant().toString(),
                        "valid", trader != null,
                        "requestIdentifier", "WAPIAAAAZ" + consultations.incrementAndGet(),
                        "name", trader == null ? "---" : trader[0],
                        "address", trader == null ? "---" : trader[1]));
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** The URL the VIES adapter asks. */
    URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + "/check-vat-number");
    }

    /** {@code number} is registered to {@code name} at {@code address}. */
    LocalVies registers(String number, String name, String address) {
        registered.put(number, new String[] {name, address});
        return this;
    }

    /** The member state of {@code prefix} answers, or is down. */
    LocalVies memberStateDown(String prefix, boolean isDown) {
        down.put(prefix, isDown);
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
