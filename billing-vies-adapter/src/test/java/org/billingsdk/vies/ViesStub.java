package org.billingsdk.vies;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A local stand-in for VIES's REST {@code POST /check-vat-number}, built from its published
 * interface: answers what the test sets (a status and a body, or nothing until it is closed) and records each
 * request's body. The JDK's HTTP server, on a free port of the loopback address.
 */
final class ViesStub implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "{}";
    private volatile String contentType = "application/json";
    private volatile boolean hangs;
    private final CountDownLatch closed = new CountDownLatch(1);

    ViesStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/taxation_customs/vies/rest-api/check-vat-number", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (hangs) {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + "/taxation_customs/vies/rest-api/check-vat-number");
    }

    /** Answers {@code status} with the JSON {@code body} from now on. */
    ViesStub answers(int status, String body) {
        this.status = status;
        this.body = body;
        this.contentType = "application/json";
        return this;
    }

    /** Answers {@code status} with an HTML page, as a gateway in front of VIES does. */
    ViesStub answersPage(int status) {
        this.status = status;
        this.body = "<html><body><h1>Service Unavailable</h1></body></html>";
        this.contentType = "text/html";
        return this;
    }

    /** Answers nothing from now on until the stub is closed, as a member state's system that hangs. */
    ViesStub hanging() {
        this.hangs = true;
        return this;
    }

    /** A valid answer as VIES gives it, with a consultation number. */
    static String valid(String country, String number, String name, String address) {
        return "{\"countryCode\":\"" + country + "\",\"vatNumber\":\"" + number + "\","
                + "\"requestDate\":\"2026-12-08T09:30:12.345Z\",\"valid\":true,"
                + "\"requestIdentifier\":\"WAPIAAAAZDf2q1Xm\",\"name\":\"" + name + "\",\"address\":\"" + address
                + "\",\"traderName\":\"---\",\"traderStreet\":\"---\",\"traderPostalCode\":\"---\","
                + "\"traderCity\":\"---\",\"traderCompanyType\":\"---\",\"traderNameMatch\":\"NOT_PROCESSED\","
                + "\"traderStreetMatch\":\"NOT_PROCESSED\",\"traderPostalCodeMatch\":\"NOT_PROCESSED\","
                + "\"traderCityMatch\":\"NOT_PROCESSED\",\"traderCompanyTypeMatch\":\"NOT_PROCESSED\"}";
    }

    /** VIES's error answer with one of its documented codes. */
    static String error(String code) {
        return "{\"actionSucceed\":false,\"errorWrappers\":[{\"error\":\"" + code + "\",\"message\":\"" + code
                + "\"}]}";
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
