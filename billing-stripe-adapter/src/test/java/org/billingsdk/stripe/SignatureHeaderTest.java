package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.billingsdk.stripe.WebhookRefusedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The grammar of the {@code Stripe-Signature} header, item by item. */
class SignatureHeaderTest {

    /** Stripe's example (docs.stripe.com/webhooks, "Verify signatures manually"). */
    static final String STRIPES_EXAMPLE = "t=1492774577,"
            + "v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd,"
            + "v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";
    static final String A = "5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd";
    static final String B = "0123456789abcdef".repeat(4);

    @Test
    void aHeaderAsStripeSendsItIsRead() {
        SignatureHeader header = SignatureHeader.parse(STRIPES_EXAMPLE);

        assertThat(header.timestamp()).isEqualTo(1492774577L);
        assertThat(header.signatures()).containsExactly(A);
        assertThat(header.canonical()).isEqualTo("t=1492774577,v1=" + A);
    }

    @Test
    void everyV1SignatureIsKeptInItsOrderAndOtherSchemesAreLeftOutOfTheCanonicalHeader() {
        SignatureHeader header = SignatureHeader.parse("v0=x,v1=" + B + ",t=1767603600,v1=" + A + ",future_2=a=b+/");

        assertThat(header.signatures()).containsExactly(B, A);
        assertThat(header.canonical()).isEqualTo("t=1767603600,v1=" + B + ",v1=" + A);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aMissingHeaderIsRefused(String header) {
        assertMalformed(header, "is missing");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"t=1,t=1,v1=" + A, "t=1,v1=" + A + ",t=1", "t=2,v1=" + A + ",t=1",
        "t=1,v1=" + A + ",t=x"})
    void aHeaderWithMoreThanOneTimestampIsRefused(String header) {
        assertMalformed(header, "has more than one timestamp");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"t", "v1", "t=1767603600,v1", "t,t=1767603600,v1=" + A, "=1,t=1,v1=" + A,
        "t=,v1=" + A, "t=1,v1=", "t=1,v1=" + A + ",v0", "t=1,v1=" + A + ",v0=", ",", ",t=1,v1=" + A,
        "t=1,v1=" + A + ",", "t=1,,v1=" + A, "="})
    void anItemThatIsNotANonEmptyKeyAndValueIsRefused(String header) {
        assertMalformed(header, "is not key=value");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"t-1=x,t=1,v1=" + A, "v\u00e91=x,t=1,v1=" + A, "v.1=x,t=1,v1=" + A,
        "\u0000=x,t=1,v1=" + A})
    void aKeyOfOtherThanAsciiLettersDigitsAndUnderscoresIsRefused(String header) {
        assertMalformed(header, "has a key of other than");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {" t=1,v1=" + A, "t=1,v1=" + A + " ", "t=1, v1=" + A, "t=1 ,v1=" + A, "t= 1,v1=" + A,
        "t=1,v1=" + A + "\r\n", "t=1\t,v1=" + A, "t=1,v1=" + A + ",v0=caf\u00e9", "t=1,v1=" + A + ",v0=a\u00a0b",
        "t=1,v1=" + A + ",v0=\u0661", "t=1,v1=" + A + ",v0=a\u0000", "t=1,v1=" + A + ",v0=\ud83d\ude00"})
    void whiteSpaceControlAndNonAsciiCharactersAreRefusedAnywhere(String header) {
        assertMalformed(header, "");
    }

    @ParameterizedTest(name = "[t={0}]")
    @ValueSource(strings = {"0", "00", "01767603600", "-1", "+1767603600", "1767603600.5", "1e9", "0x10",
        "\u0661\u0667\u0666\u0667\u0666\u0660\u0663\u0666\u0660\u0660", "17676036000", "9223372036854775807",
        "9223372036854775808", "99999999999999999999999", "1767603600a", "one"})
    void aTimestampOtherThanOneToTenAsciiDigitsWithoutALeadingZeroIsRefused(String timestamp) {
        assertMalformed("t=" + timestamp + ",v1=" + A, "");
    }

    @Test
    void theTimestampRangesFromOneToTenNines() {
        assertThat(SignatureHeader.parse("t=1,v1=" + A).timestamp()).isEqualTo(1L);
        assertThat(SignatureHeader.parse("t=9999999999,v1=" + A).timestamp()).isEqualTo(9_999_999_999L);
    }

    @ParameterizedTest(name = "[v1={0}]")
    @ValueSource(strings = {"00", "5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8b",
        "5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd0",
        "5257A869E7ECEBEDA32AFFA62CDCA3FA51CAD7E77A0E56FF536D0CE8E108D8BD",
        "5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bg",
        "5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8b="})
    void aV1SignatureOtherThanSixtyFourLowercaseHexDigitsIsRefused(String signature) {
        assertMalformed("t=1767603600,v1=" + signature, "is a v1 signature other than 64 lowercase hex digits");
        assertMalformed("t=1767603600,v1=" + A + ",v1=" + signature, "item 3");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"v1=" + A, "v0=" + A + ",v1=" + A, "T=1767603600,v1=" + A})
    void aHeaderWithoutATimestampIsRefused(String header) {
        assertMalformed(header, "has no timestamp");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"t=1767603600", "t=1767603600,v0=" + A, "t=1767603600,V1=" + A, "t=1767603600,v2=" + A})
    void aHeaderWithoutAV1SignatureIsRefused(String header) {
        assertMalformed(header, "has no v1 signature");
    }

    @Test
    void aHeaderOfMoreThan8192CharactersIsRefusedAndOneOf8192IsRead() {
        String atTheLimit = padded("t=1767603600,v1=" + A, SignatureHeader.MAX_LENGTH);

        assertThat(SignatureHeader.parse(atTheLimit).signatures()).containsExactly(A);
        assertMalformed(atTheLimit + "x", "is longer than 8192 characters");
        assertMalformed("t=1767603600,v1=" + A + ",v1=" + ("," + "v1=" + A).repeat(100_000),
                "is longer than 8192 characters");
    }

    @Test
    void aRefusalSaysWhatIsWrongWithoutQuotingTheHeader() {
        String marker = "attackerControlledText";
        List<String> headers = List.of(marker, "t=1,v1=" + A + "," + marker, "t=1,v1=" + A + ",v0=" + marker + " ",
                "t=" + marker + ",v1=" + A, "t=1,v1=" + marker, "t=1,v1=" + A + ",t=" + marker,
                padded("t=1,v1=" + A + ",v0=" + marker, SignatureHeader.MAX_LENGTH + 1), "v0=" + marker,
                "t=1,v0=" + marker, "t=1,v1=" + A + "," + marker + "=");
        for (String header : headers) {
            assertThatThrownBy(() -> SignatureHeader.parse(header)).isInstanceOfSatisfying(
                    WebhookRefusedException.class, e -> assertThat(e.getMessage())
                            .doesNotContain(marker).doesNotContain(A).hasSizeLessThan(160));
        }
    }

    @Test
    void onlyAWellFormedHeaderCanBeMade() {
        assertThatThrownBy(() -> new SignatureHeader(0, List.of(A))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignatureHeader(10_000_000_000L, List.of(A)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignatureHeader(1, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignatureHeader(1, List.of("00"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code header} with a {@code v0} item that makes it {@code length} characters long. */
    static String padded(String header, int length) {
        String prefix = header + ",v0=";
        return prefix + "a".repeat(length - prefix.length());
    }

    private static void assertMalformed(String header, String messagePart) {
        assertThatThrownBy(() -> SignatureHeader.parse(header)).isInstanceOfSatisfying(
                WebhookRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_HEADER);
                    assertThat(e.getMessage()).startsWith("webhook delivery refused: ").contains(messagePart);
                });
    }
}
