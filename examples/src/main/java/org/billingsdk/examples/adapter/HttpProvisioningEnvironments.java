package org.billingsdk.examples.adapter;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.ErasureOutcome;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * The environments port over a provisioning service's HTTP API, with the JDK's {@link HttpClient}:
 * an example of the adapter a host writes for its own infrastructure.
 *
 * <ul>
 *   <li>{@code POST /environments} with {@code {"subscription", "company", "product"}} answers
 *       {@code 201 {"id": "..."}} (or {@code 200} when repeated); the service is idempotent on the
 *       subscription id, so repeating a provisioning after a failure answers the same environment.
 *   <li>{@code DELETE /environments/{id}} answers {@code 202} while the erasure is under way
 *       ({@link ErasureOutcome#IN_PROGRESS}) and {@code 204} or {@code 404} once the environment and
 *       its data are gone ({@link ErasureOutcome#ERASED}).
 *   <li>Every request carries the API token as {@code Authorization: Bearer ...}. Anything else
 *       (another status, no answer within the time-out, an unreadable answer) is a
 *       {@link ProvisioningException} naming the request and the status; the token never appears
 *       in an exception, a log line or {@link #toString()}.
 * </ul>
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} and share it.
 */
public final class HttpProvisioningEnvironments implements ProductEnvironments {

    /** The time-out of a connection and of each request unless {@link Builder#timeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final String PROVISION = "POST /environments";

    private final URI baseUri;
    private final String environments;
    private final String token;
    private final Duration timeout;
    private final HttpClient client;

    private HttpProvisioningEnvironments(Builder builder) {
        this.baseUri = builder.baseUri;
        String base = builder.baseUri.toString();
        this.environments = (base.endsWith("/") ? base : base + "/") + "environments";
        this.token = builder.token;
        this.timeout = builder.timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * A builder: {@link Builder#baseUri} and {@link Builder#token} are required.
     *
     * @return a new builder, with the time-out at {@link #DEFAULT_TIMEOUT}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Asks the service for the subscription's environment.
     *
     * @throws ProvisioningException if the service answers anything but 201 or 200 with an id,
     *     or does not answer within the time-out
     */
    @Override
    public EnvironmentId provision(SubscriptionId subscription, CompanyId company, ProductCode product) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(product, "product");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("subscription", subscription.toString());
        fields.put("company", company.toString());
        fields.put("product", product.value());
        HttpRequest request = request(URI.create(environments))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.object(fields), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = send(PROVISION, request);
        int status = response.statusCode();
        if (status != 201 && status != 200) {
            throw unexpected(PROVISION, status);
        }
        try {
            Object id = Json.parseObject(response.body()).get("id");
            if (!(id instanceof String value)) {
                throw new IllegalArgumentException("the answer has no string \"id\"");
            }
            return EnvironmentId.of(value);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(PROVISION, "unreadable answer to HTTP " + status + " (" + e.getMessage() + ")",
                    status, e);
        }
    }

    /**
     * Asks the service to erase the environment; safe to repeat.
     *
     * @return {@code IN_PROGRESS} on 202, {@code ERASED} on 204 or 404
     * @throws ProvisioningException on any other status or no answer within the time-out (which
     *     the SDK counts as in progress and asks again)
     */
    @Override
    public ErasureOutcome decommissionAndErase(EnvironmentId environment, SubscriptionId subscription) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(subscription, "subscription");
        String path = URLEncoder.encode(environment.value(), StandardCharsets.UTF_8).replace("+", "%20");
        String operation = "DELETE /environments/" + path;
        HttpRequest request = request(URI.create(environments + "/" + path)).DELETE().build();
        int status = send(operation, request).statusCode();
        if (status == 202) {
            return ErasureOutcome.IN_PROGRESS;
        }
        if (status == 204 || status == 404) {
            return ErasureOutcome.ERASED;
        }
        throw unexpected(operation, status);
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(String operation, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ProvisioningException(operation, "no answer within " + timeout, null, e);
        } catch (IOException e) {
            throw new ProvisioningException(operation, "no answer (" + e.getClass().getSimpleName() + ")", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(operation, "interrupted while waiting for an answer", null, e);
        }
    }

    /** The response body is left out: a service may echo request details into it. */
    private static ProvisioningException unexpected(String operation, int status) {
        return new ProvisioningException(operation, "the service answered HTTP " + status, status, null);
    }

    /** The base URI and time-out; the token is shown as {@code ***}. */
    @Override
    public String toString() {
        return "HttpProvisioningEnvironments[baseUri=" + baseUri + ", timeout=" + timeout + ", token=***]";
    }

    /** Configures an {@link HttpProvisioningEnvironments}; not thread-safe, use it on one thread. */
    public static final class Builder {
        private URI baseUri;
        private String token;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        /**
         * The service's base URI, such as {@code https://provisioning.internal/v1}: absolute, http or
         * https, without user info (credentials go in {@link #token}), query or fragment.
         *
         * @param baseUri the URI the {@code environments} path is appended to
         * @return this builder
         * @throws IllegalArgumentException otherwise
         */
        public Builder baseUri(URI baseUri) {
            Objects.requireNonNull(baseUri, "baseUri");
            String scheme = baseUri.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || baseUri.getHost() == null) {
                throw new IllegalArgumentException("baseUri must be an absolute http or https URI");
            }
            if (baseUri.getRawUserInfo() != null || baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUri must have no user info, query or fragment");
            }
            this.baseUri = baseUri;
            return this;
        }

        /**
         * The API token, sent as {@code Authorization: Bearer <token>} and never shown.
         *
         * @param token one or more visible ASCII characters
         * @return this builder
         * @throws IllegalArgumentException unless it is visible ASCII characters (the message never
         *     quotes it)
         */
        public Builder token(String token) {
            Objects.requireNonNull(token, "token");
            if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("token must be 1 or more visible ASCII characters");
            }
            this.token = token;
            return this;
        }

        /**
         * The time-out of a connection and of each request; {@link #DEFAULT_TIMEOUT} unless set.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * A new adapter with this builder's settings.
         *
         * @return the adapter, with its own HTTP client
         * @throws IllegalStateException if the base URI or the token is missing
         */
        public HttpProvisioningEnvironments build() {
            if (baseUri == null || token == null) {
                throw new IllegalStateException("baseUri and token are required");
            }
            return new HttpProvisioningEnvironments(this);
        }
    }
}
