package org.billingsdk.vies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The VIES adapter against a local stub of VIES's REST interface: what it asks, and what each
 * answer VIES documents (valid, invalid, each error code, no answer) becomes.
 */
class ViesVatNumberVerifierTest {

    private static final VatNumber GERMAN = VatNumber.of("DE136695976");
    private static final VatNumber SELLER = VatNumber.of("NL853746333B01");
    private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

    private final ViesStub vies = new ViesStub();
    private final ViesVatNumberVerifier verifier = ViesVatNumberVerifier.at(vies.endpoint())
            .withClock(Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        vies.close();
    }

    @Test
    void aValidNumberIsValidWithItsConsultationNumberNameAndAddressAndTheSellerIsTheRequester() {
        vies.answers(200, ViesStub.valid("DE", "136695976", "ACME GMBH", "FRIEDRICHSTR. 1\\n10117 BERLIN"));

        VatCheck check = verifier.check(GERMAN, SELLER);

        assertThat(check).isEqualTo(VatCheck.valid(GERMAN, Instant.parse("2026-12-08T09:30:12.345Z"),
                "WAPIAAAAZDf2q1Xm", "ACME GMBH", "FRIEDRICHSTR. 1\n10117 BERLIN"));
        JsonNode asked = JsonMapper.shared().readTree(vies.requests().get(0));
        assertThat(asked.path("countryCode").asString()).isEqualTo("DE");
        assertThat(asked.path("vatNumber").asString()).isEqualTo("136695976");
        assertThat(asked.path("requesterMemberStateCode").asString()).isEqualTo("NL");
        assertThat(asked.path("requesterNumber").asString()).isEqualTo("853746333B01");
    }

    @Test
    void aGreekNumberIsAskedWithItsVatPrefixEl() {
        vies.answers(200, ViesStub.valid("EL", "094259216", "---", "---"));

        VatCheck check = verifier.check(VatNumber.of("EL094259216"), SELLER);

        assertThat(JsonMapper.shared().readTree(vies.requests().get(0)).path("countryCode").asString())
                .isEqualTo("EL");
        assertThat(check.isValid()).isTrue();
        assertThat(check.registeredName()).as("not disclosed").isNull();
        assertThat(check.registeredAddress()).as("not disclosed").isNull();
    }

    @Test
    void aNumberViesDoesNotHoldAsValidIsInvalidWithItsConsultationNumber() {
        vies.answers(200, "{\"countryCode\":\"DE\",\"vatNumber\":\"136695976\",\"requestDate\":"
                + "\"2026-12-08T09:31:00.000Z\",\"valid\":false,\"requestIdentifier\":\"WAPIAAAAZDf2q1Xn\","
                + "\"name\":\"---\",\"address\":\"---\"}");

        VatCheck check = verifier.check(GERMAN, SELLER);

        assertThat(check).isEqualTo(VatCheck.invalid(GERMAN, Instant.parse("2026-12-08T09:31:00Z"),
                "WAPIAAAAZDf2q1Xn"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MS_UNAVAILABLE", "TIMEOUT", "SERVICE_UNAVAILABLE", "GLOBAL_MAX_CONCURRENT_REQ",
            "GLOBAL_MAX_CONCURRENT_REQ_TIME", "MS_MAX_CONCURRENT_REQ", "MS_MAX_CONCURRENT_REQ_TIME", "IP_BLOCKED",
            "INVALID_REQUESTER_INFO", "A_CODE_VIES_ADDS_LATER"})
    void anErrorThatMeansAskAgainLaterIsUnavailableWithItsCode(String code) {
        for (int status : new int[] {200, 400, 500}) {
            vies.answers(status, ViesStub.error(code));

            VatCheck check = verifier.check(GERMAN, SELLER);

            assertThat(check).as("HTTP %d", status).isEqualTo(VatCheck.unavailable(GERMAN, NOW, code));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"INVALID_INPUT", "VAT_BLOCKED"})
    void aNumberViesRefusesOrBlocksIsInvalid(String code) {
        vies.answers(400, ViesStub.error(code));

        VatCheck check = verifier.check(GERMAN, SELLER);

        assertThat(check).isEqualTo(VatCheck.invalid(GERMAN, NOW, null));
    }

    @Test
    void anErrorWithoutACodeIsUnavailableWithTheHttpStatus() {
        vies.answers(500, "{\"actionSucceed\":false,\"errorWrappers\":[{\"error\":\" \"}]}");

        assertThat(verifier.check(GERMAN, SELLER)).isEqualTo(VatCheck.unavailable(GERMAN, NOW, "HTTP_500"));
    }

    @Test
    void anAnswerAboutAnotherNumberIsUnavailable() {
        vies.answers(200, ViesStub.valid("DE", "129273398", "SOMEONE ELSE", "MUNICH"));

        assertThat(verifier.check(GERMAN, SELLER)).isEqualTo(VatCheck.unavailable(GERMAN, NOW, "UNEXPECTED_ANSWER"));
    }

    @Test
    void textsLongerThanTheEvidenceKeepsAreCutToItsLimits() {
        vies.answers(200, ViesStub.valid("DE", "136695976", "N".repeat(1500), "A".repeat(1200)));

        VatCheck check = verifier.check(GERMAN, SELLER);

        assertThat(check.registeredName()).hasSize(VatCheck.MAX_TEXT);
        assertThat(check.registeredAddress()).hasSize(VatCheck.MAX_TEXT);
    }

    @Test
    void aPageInsteadOfViesJsonIsUnavailableWithTheHttpStatus() {
        vies.answersPage(503);

        assertThat(verifier.check(GERMAN, SELLER)).isEqualTo(VatCheck.unavailable(GERMAN, NOW, "HTTP_503"));
    }

    @Test
    void jsonThatIsNoAnswerOfViesIsUnavailable() {
        vies.answers(200, "{\"hello\":\"world\"}");
        assertThat(verifier.check(GERMAN, SELLER)).isEqualTo(VatCheck.unavailable(GERMAN, NOW, "HTTP_200"));

        vies.answers(502, "{\"valid\":true}");
        assertThat(verifier.check(GERMAN, SELLER)).isEqualTo(VatCheck.unavailable(GERMAN, NOW, "HTTP_502"));
    }

    @Test
    void noAnswerWithinTheTimeOutIsUnavailableAsTimeout() {
        vies.answers(200, ViesStub.valid("DE", "136695976", "ACME GMBH", "BERLIN")).hanging();

        VatCheck check = verifier.withTimeout(Duration.ofMillis(200)).check(GERMAN, SELLER);

        assertThat(check).isEqualTo(VatCheck.unavailable(GERMAN, NOW, "TIMEOUT"));
    }

    @Test
    void noViesListeningIsUnavailableAsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ViesVatNumberVerifier nowhere = ViesVatNumberVerifier.at(URI.create("http://127.0.0.1:" + closed + "/vies"))
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(nowhere.check(GERMAN, SELLER)).isEqualTo(VatCheck.unavailable(GERMAN, NOW, "UNREACHABLE"));
    }

    @Test
    void aRequestDateThatIsNoInstantDatesTheCheckNow() {
        vies.answers(200, "{\"valid\":true,\"requestDate\":\"2026-12-08+01:00\",\"requestIdentifier\":\"W1\"}");

        assertThat(verifier.check(GERMAN, SELLER)).isEqualTo(VatCheck.valid(GERMAN, NOW, "W1", null, null));
    }

    /**
     * The real VIES, when {@code VIES_LIVE=true} and {@code VIES_REQUESTER} holds the seller's own VAT
     * number (the build machine cannot reach VIES): it answers in its own words, a consultation number
     * with an answer, one of its codes without.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = "VIES_LIVE", matches = "true")
    void theRealViesAnswersInItsOwnWords() {
        VatNumber requester = VatNumber.of(System.getenv("VIES_REQUESTER"));

        VatCheck check = ViesVatNumberVerifier.create().check(GERMAN, requester);

        if (check.isUnavailable()) {
            assertThat(check.failure()).isIn("MS_UNAVAILABLE", "TIMEOUT", "SERVICE_UNAVAILABLE",
                    "GLOBAL_MAX_CONCURRENT_REQ", "GLOBAL_MAX_CONCURRENT_REQ_TIME", "MS_MAX_CONCURRENT_REQ",
                    "MS_MAX_CONCURRENT_REQ_TIME");
        } else {
            assertThat(check.consultationNumber()).isNotBlank();
        }
    }
}
