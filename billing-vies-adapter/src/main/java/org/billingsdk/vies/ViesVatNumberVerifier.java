package org.billingsdk.vies;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.port.VatNumberVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies EU VAT numbers with VIES, the European Commission's VAT Information Exchange System,
 * through its REST API ({@code POST /check-vat-number}), with the seller's own number as the
 * requester so that VIES gives a consultation number, the evidence tax authorities ask for.
 * Thread-safe; one instance serves every thread.
 *
 * <p>What VIES answers becomes a {@link VatCheck}:
 * <ul>
 *   <li>{@code "valid": true}: {@link VatCheck.Status#VALID}, with the request date, the
 *       {@code requestIdentifier} as consultation number, and the name and address VIES holds
 *       ({@code "---"}, which member states that do not disclose them send, is kept as none);</li>
 *   <li>{@code "valid": false}, and the errors {@code INVALID_INPUT} (VIES refuses the number as
 *       malformed) and {@code VAT_BLOCKED}: {@link VatCheck.Status#INVALID};</li>
 *   <li>the errors that mean "ask again later" ({@code SERVICE_UNAVAILABLE}, {@code MS_UNAVAILABLE},
 *       {@code TIMEOUT}, {@code GLOBAL_MAX_CONCURRENT_REQ}, {@code GLOBAL_MAX_CONCURRENT_REQ_TIME},
 *       {@code MS_MAX_CONCURRENT_REQ}, {@code MS_MAX_CONCURRENT_REQ_TIME}, {@code IP_BLOCKED}), any
 *       other error code, {@code INVALID_REQUESTER_INFO} (the seller's number was refused: logged as
 *       an error), an HTTP status other than 200, an answer that is not VIES's JSON, no answer within
 *       the time-out ({@code TIMEOUT}), no connection ({@code UNREACHABLE}) and an answer about
 *       another number ({@code UNEXPECTED_ANSWER}): {@link VatCheck.Status#UNAVAILABLE}, with that
 *       code as its failure.</li>
 * </ul>
 * Texts longer than {@link VatCheck}'s limits are cut to them.
 * It never throws for what VIES or the network does.
 *
 * <pre>{@code
 * Billing.builder()
 *         .vatNumberVerifier(ViesVatNumberVerifier.create())
 *         .unverifiedVatPolicy(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED)
 * }</pre>
 */
public final class ViesVatNumberVerifier implements VatNumberVerifier {

    /** VIES's REST endpoint that checks one number. */
    public static final URI VIES = URI.create("https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number");

    /** How long an answer is waited for unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ViesVatNumberVerifier.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Set<String> INVALID = Set.of("INVALID_INPUT", "VAT_BLOCKED");
    private static final String NOT_DISCLOSED = "---";

    private final URI endpoint;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;

    private ViesVatNumberVerifier(URI endpoint, Duration timeout, Clock clock) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@return a verifier asking {@link #VIES}, waiting {@link #DEFAULT_TIMEOUT} for each answer} */
    public static ViesVatNumberVerifier create() {
        return at(VIES);
    }

    /**
     * A verifier asking another endpoint of VIES's interface, such as a proxy or a test stub.
     *
     * @param endpoint the URL that takes {@code POST}s of VIES's {@code check-vat-number}
     * @return the verifier, waiting {@link #DEFAULT_TIMEOUT} for each answer
     * @throws IllegalArgumentException unless the URL is http or https
     */
    public static ViesVatNumberVerifier at(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("VIES is asked over http or https, not " + endpoint.getScheme());
        }
        return new ViesVatNumberVerifier(endpoint, DEFAULT_TIMEOUT, Clock.systemUTC());
    }

    /**
     * The same verifier waiting {@code timeout} to connect and for each answer.
     *
     * @param timeout above zero
     * @return the verifier
     * @throws IllegalArgumentException if {@code timeout} is not above zero
     */
    public ViesVatNumberVerifier withTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the time-out must be above zero, was " + timeout);
        }
        return new ViesVatNumberVerifier(endpoint, timeout, clock);
    }

    /**
     * The same verifier dating the checks VIES gives no date for (those it did not answer) by
     * {@code clock}; the system's UTC clock by default.
     *
     * @param clock not null
     * @return the verifier
     */
    public ViesVatNumberVerifier withClock(Clock clock) {
        return new ViesVatNumberVerifier(endpoint, timeout, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public VatCheck check(VatNumber number, VatNumber requester) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(requester, "requester");
        Map<String, String> question = new LinkedHashMap<>();
        question.put("countryCode", number.prefix());
        question.put("vatNumber", number.national());
        question.put("requesterMemberStateCode", requester.prefix());
        question.put("requesterNumber", requester.national());
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(question), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return unavailable(number, "TIMEOUT");
        } catch (IOException e) {
            LOG.warn("VIES could not be reached at {} ({})", endpoint, e.toString());
            return unavailable(number, "UNREACHABLE");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(number, "INTERRUPTED");
        }
        return answer(number, response.statusCode(), response.body());
    }

    @Override
    public String toString() {
        return "VIES at " + endpoint;
    }

    private VatCheck answer(VatNumber number, int status, String body) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JacksonException e) {
            return unavailable(number, "HTTP_" + status);
        }
        if (answer == null || !answer.isObject()) {
            return unavailable(number, "HTTP_" + status);
        }
        JsonNode errors = answer.path("errorWrappers");
        if (errors.isArray() && !errors.isEmpty() || !answer.path("actionSucceed").asBoolean(true)) {
            String code = capped(text(errors.path(0).path("error")), VatCheck.MAX_CODE);
            code = code == null || code.isBlank() ? "HTTP_" + status : code.strip();
            if (INVALID.contains(code)) {
                return VatCheck.invalid(number, clock.instant(), null);
            }
            if ("INVALID_REQUESTER_INFO".equals(code)) {
                LOG.error("VIES refused the seller's VAT number as the requester of a check; checks stay unavailable");
            }
            return unavailable(number, code);
        }
        if (status != 200 || !answer.path("valid").isBoolean()) {
            return unavailable(number, "HTTP_" + status);
        }
        if (!echoes(answer, number)) {
            LOG.warn("VIES answered about another number than {}; counted as unavailable", number);
            return unavailable(number, "UNEXPECTED_ANSWER");
        }
        Instant at = requestDate(answer.path("requestDate"));
        String consultation = capped(text(answer.path("requestIdentifier")), VatCheck.MAX_CODE);
        return answer.path("valid").asBoolean()
                ? VatCheck.valid(number, at, consultation, capped(disclosed(answer.path("name")), VatCheck.MAX_TEXT),
                        capped(disclosed(answer.path("address")), VatCheck.MAX_TEXT))
                : VatCheck.invalid(number, at, consultation);
    }

    /** Whether the number VIES names, where it names one, is the one asked about. */
    private static boolean echoes(JsonNode answer, VatNumber number) {
        String country = text(answer.path("countryCode"));
        String national = text(answer.path("vatNumber"));
        return (country == null || country.equalsIgnoreCase(number.prefix()))
                && (national == null || national.replace(" ", "").equalsIgnoreCase(number.national()));
    }

    /** {@code text} cut to {@code limit} characters, as the evidence keeps it. */
    private static String capped(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit);
    }

    private VatCheck unavailable(VatNumber number, String failure) {
        LOG.debug("VIES gave no answer about {} ({})", number, failure);
        return VatCheck.unavailable(number, clock.instant(), failure);
    }

    /** VIES's date of the request, or now when it gave none that reads as an instant. */
    private Instant requestDate(JsonNode date) {
        String text = text(date);
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                LOG.debug("VIES's request date {} is no instant; the check is dated now", text);
            }
        }
        return clock.instant();
    }

    private static String disclosed(JsonNode node) {
        String text = text(node);
        return text == null || text.strip().equals(NOT_DISCLOSED) ? null : text;
    }

    private static String text(JsonNode node) {
        return node == null || !node.isString() ? null : node.asString();
    }
}
