package org.billingsdk.examples.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A browser-less client of the portal's API: keeps the session cookie and sends the CSRF token once signed in. */
final class PortalClient {

    /** An answer: its status, headers and body (JSON read when it is JSON). */
    record Answer(int status, HttpResponse<byte[]> response) {
        JsonNode json() {
            return JsonMapper.shared().readTree(response.body());
        }

        String text() {
            return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final URI base;
    private final HttpClient http;
    private String csrf;

    PortalClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Signs in as the demo user {@code user} and keeps the session's CSRF token. */
    PortalClient signIn(String user) {
        Answer answer = post("/api/session", "{\"user\":\"" + user + "\"}");
        if (answer.status() != 200) {
            throw new IllegalStateException("sign-in as " + user + " answered " + answer.status());
        }
        csrf = answer.json().path("csrfToken").asString();
        return this;
    }

    String companyId() {
        return get("/api/session").json().path("companyId").asString();
    }

    /** Forgets the CSRF token: the next changes are sent without it. */
    PortalClient withoutCsrf() {
        csrf = null;
        return this;
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer post(String path, String json) {
        return send(json(HttpRequest.newBuilder(base.resolve(path)), json)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String json) {
        return send(json(HttpRequest.newBuilder(base.resolve(path)), json)
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer delete(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).DELETE();
        if (csrf != null) {
            request.header(PortalApi.CSRF_HEADER, csrf);
        }
        return send(request);
    }

    /** Sends {@code body} with another content type, as a cross-site form would. */
    Answer postAs(String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            request.header(PortalApi.CSRF_HEADER, csrf);
        }
        return send(request);
    }

    private HttpRequest.Builder json(HttpRequest.Builder request, String body) {
        request.header("Content-Type", "application/json");
        if (csrf != null) {
            request.header(PortalApi.CSRF_HEADER, csrf);
        }
        return request;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
