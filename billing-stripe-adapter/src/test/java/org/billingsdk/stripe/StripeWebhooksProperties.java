package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.google.gson.JsonObject;
import com.stripe.net.Webhook;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.billingsdk.stripe.WebhookRefusedException.Reason;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Whatever reaches the webhook endpoint, {@link StripeWebhooks#handle} answers an outcome or
 * refuses the delivery with a {@link WebhookRefusedException}, never another throwable (which the
 * host would answer with a 500); a delivery is accepted only when its header has exactly one
 * timestamp, within the tolerance, and a {@code v1} signature of the body at that timestamp; and a
 * delivery signed outside the tolerance stays refused whatever is written before or after its
 * header. Headers are arbitrary text, or near-valid ones built from the grammar's fragments mixed
 * with real signatures of the body; bodies are Stripe events, altered and cut ones, and arbitrary
 * text.
 */
class StripeWebhooksProperties {

    private static final int EXAMPLES = 5_000;
    private static final Instant NOW = StripeWebhooksTest.NOW;
    private static final long TOLERANCE_SECONDS = 300;
    private static final String SECRET = TestAdapter.WEBHOOK_SECRET;

    /** Replaced by the header signed 5 s ago for the body, or by its v1 signature. */
    private static final String HEADER_NOW = "<header-now>";
    private static final String SIGNATURE_NOW = "<signature-now>";
    /** Replaced by the header signed an hour ago for the body, or by its v1 signature. */
    private static final String HEADER_OLD = "<header-old>";
    private static final String SIGNATURE_OLD = "<signature-old>";
    /** Replaced by a header signed 5 s ago for another body, or by its v1 signature. */
    private static final String HEADER_OTHER = "<header-other>";
    private static final String SIGNATURE_OTHER = "<signature-other>";

    private static final String NOW_SECONDS = String.valueOf(NOW.getEpochSecond());
    private static final String HOUR_AGO_SECONDS = String.valueOf(NOW.getEpochSecond() - 3600);

    /** Pieces of headers: the grammar's, its near misses, and signatures that do not fit the body now. */
    private static final List<String> FRAGMENTS = List.of("t=", "v1=", "v0=", "v2=", ",", "=", ",,", "==", " ", "\t",
            "\r\n", "t", "v1", "v0", "T=", "V1=", "x_1=", "0", "1", "-1", "+", "00", "9223372036854775807",
            "9223372036854775808", "99999999999", "1e9", "0x1f", "\u00e9", "\u0661", "\u0000", "\ud800", "\udc00",
            "\ud83d\ude00", "\u00a0", "\u2028", "0".repeat(64), "F".repeat(64), "a".repeat(63), "ab", NOW_SECONDS,
            HOUR_AGO_SECONDS, "t=" + NOW_SECONDS, "t=" + HOUR_AGO_SECONDS, ",t=" + NOW_SECONDS + ",", ",v1=", "=,",
            SIGNATURE_OLD, HEADER_OLD, SIGNATURE_OTHER, HEADER_OTHER);
    private static final List<String> FRESH_AND_GENUINE = List.of(HEADER_NOW, SIGNATURE_NOW);
    private static final List<String> KEYS = List.of("t", "v1", "v0", "v2", "x_1", "T", "V1", "", " t", "t ",
            "v1 ", "\u00e9", "t=", "v1=");
    private static final List<String> VALUES = List.of(NOW_SECONDS, HOUR_AGO_SECONDS, "0", "-1", "1e9",
            "99999999999", "", " ", "=", "\u00e9", "\u0000", "0".repeat(64), "A".repeat(64), "a".repeat(63), "x",
            SIGNATURE_OLD, SIGNATURE_OTHER);

    private static final List<String> EVENTS = eventPayloads();
    private static final List<String> ODDITIES = List.of("", "{}", "[]", "null", "\"event\"", "1e999999", "-0",
            "{\"object\":\"event\"}", "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"x\",\"data\":{\"object\":[]}}",
            "{\"id\":{},\"object\":\"event\",\"type\":[],\"data\":{\"object\":{}}}", "[".repeat(200) + "]".repeat(200),
            "{\"a\":" + "[".repeat(200), "\ufeff{}", "{\"id\":\"\\ud800\",\"object\":\"event\"}");
    private static final List<String> JSON_FRAGMENTS = List.of("{", "}", "[", "]", "\"", ":", ",", "null", "1e999",
            "\\u0000", "\ud800", "\"id\":null", "\"type\":1", "\"data\":[]", "\"object\":\"event\"", "\"metadata\":[]",
            "\"billing_attempt\":\"x\"", "\"billing_invoice_id\":\"nope\"", "\"previous_attributes\":1", "\\");

    private final StripeWebhooks webhooks = StripeWebhooksTest.webhooks(Clock.fixed(NOW, ZoneOffset.UTC), 10_000);

    @Test
    void anyHeaderAndAnyBodyAreAnsweredOrRefusedAndNothingElse() {
        try (QuietLog logs = QuietLog.start()) {
            qt().withExamples(EXAMPLES).forAll(anyText(), anyText()).checkAssert((header, body) -> {
                if (answer(body, header) instanceof WebhookOutcome) {
                    assertGenuineAndFresh(body, header);
                }
            });
            assertLogsQuoteNeitherTheSecretNorAHeader(logs);
        }
    }

    @Test
    void anyNearValidHeaderIsAnsweredOnlyWhenGenuineAndFreshAndOtherwiseRefused() {
        Map<Reason, Integer> refusals = new EnumMap<>(Reason.class);
        int[] accepted = {0};
        try (QuietLog logs = QuietLog.start()) {
            qt().withExamples(EXAMPLES).forAll(bodies(), nearValidHeaders(true)).checkAssert((body, template) -> {
                String header = resolve(template, body);
                Object answer = answer(body, header);
                if (answer instanceof WebhookRefusedException refusal) {
                    refusals.merge(refusal.reason(), 1, Integer::sum);
                } else {
                    accepted[0]++;
                    assertGenuineAndFresh(body, header);
                }
            });
            assertLogsQuoteNeitherTheSecretNorAHeader(logs);
        }
        assertThat(accepted[0]).as("deliveries accepted").isPositive();
        assertThat(refusals).as("refusals by reason").containsOnlyKeys(Reason.values())
                .allSatisfy((reason, count) -> assertThat(count).isPositive());
    }

    @Test
    void aDeliverySignedOutsideTheToleranceIsRefusedWhateverIsPrependedOrAppendedToItsHeader() {
        Gen<Long> offsets = longs().between(-30_000_000, 30_000_000)
                .map(s -> s >= 0 ? s + TOLERANCE_SECONDS + 1 : s - TOLERANCE_SECONDS - 1);
        try (QuietLog logs = QuietLog.start()) {
            qt().withExamples(EXAMPLES).forAll(events(), offsets, surroundings(), surroundings())
                    .checkAssert((body, offset, before, after) -> {
                        String signed = sign(body, NOW.plusSeconds(offset));
                        String header = resolve(before, body) + signed + resolve(after, body);
                        Object answer = answer(body, header);

                        assertThat(answer).as("the answer to [%s]", header).isInstanceOf(WebhookRefusedException.class);
                        if (header.equals(signed)) {
                            assertThat(((WebhookRefusedException) answer).reason()).isEqualTo(Reason.OUTSIDE_TOLERANCE);
                        }
                    });
            assertLogsQuoteNeitherTheSecretNorAHeader(logs);
        }
    }

    /** What handle answers: an outcome, or the refusal; anything else thrown fails the property. */
    private Object answer(String body, String header) {
        try {
            return webhooks.handle(body, header);
        } catch (WebhookRefusedException e) {
            assertThat(e.getMessage()).hasSizeLessThan(200).doesNotContain(SECRET);
            return e;
        } catch (Throwable e) {
            throw new AssertionError("handle threw " + e + " for the header [" + header + "] and the body [" + body
                    + "]", e);
        }
    }

    /** Says independently of the adapter's parser that an accepted header was Stripe's, for this body, now. */
    private static void assertGenuineAndFresh(String body, String header) {
        List<String> items = Arrays.asList(header.split(",", -1));
        List<String> timestamps = items.stream().filter(item -> item.startsWith("t=")).collect(Collectors.toList());
        assertThat(timestamps).as("the timestamps of the accepted header [%s]", header).hasSize(1);
        long timestamp = Long.parseLong(timestamps.get(0).substring(2));
        assertThat(Math.abs(NOW.getEpochSecond() - timestamp)).as("the age of [%s]", header)
                .isLessThanOrEqualTo(TOLERANCE_SECONDS);
        assertThat(items).as("the items of [%s]", header).contains("v1=" + hmac(timestamp + "." + body));
    }

    private static void assertLogsQuoteNeitherTheSecretNorAHeader(QuietLog logs) {
        assertThat(logs.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(200).doesNotContain(SECRET)
                .doesNotContain("v1=").doesNotContain("v0="));
    }

    /**
     * Keeps the webhook handler's log records while a property runs, and from the console: thousands
     * of expected warnings would drown the build's output ({@link LogCapture} cannot hold them back
     * from the console handler, which writes to the {@code System.err} it was made with).
     */
    private static final class QuietLog extends Handler implements AutoCloseable {

        private final Logger logger = Logger.getLogger(StripeWebhooks.class.getName());
        private final boolean usedParentHandlers = logger.getUseParentHandlers();
        private final List<String> lines = new ArrayList<>();

        static QuietLog start() {
            QuietLog log = new QuietLog();
            log.logger.addHandler(log);
            log.logger.setUseParentHandlers(false);
            return log;
        }

        @Override
        public synchronized void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getMessage());
            for (Object parameter : record.getParameters() == null ? new Object[0] : record.getParameters()) {
                line.append(" | ").append(parameter);
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            lines.add(line.toString());
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setUseParentHandlers(usedParentHandlers);
        }
    }

    private static Gen<String> anyText() {
        return Generate.frequency(List.of(Pair.of(3, strings().allPossible().ofLengthBetween(0, 300)),
                Pair.of(1, strings().basicLatinAlphabet().ofLengthBetween(0, 120))));
    }

    /** Stripe events of every kind the adapter translates, under fresh ids, and some it ignores. */
    private static Gen<String> events() {
        return Generate.pick(EVENTS).zip(integers().between(0, 100_000_000),
                (event, n) -> event.replace("\"evt_id\"", "\"evt_" + n + "\""));
    }

    private static Gen<String> bodies() {
        Gen<String> events = events();
        Gen<String> altered = events.zip(integers().allPositive(), Generate.pick(JSON_FRAGMENTS),
                (event, at, insert) -> {
                    int i = at % (event.length() + 1);
                    return event.substring(0, i) + insert + event.substring(i);
                });
        Gen<String> cut = events.zip(integers().allPositive(),
                (event, at) -> event.substring(0, at % (event.length() + 1)));
        return Generate.frequency(List.of(Pair.of(5, events), Pair.of(3, altered), Pair.of(1, cut),
                Pair.of(1, Generate.pick(ODDITIES)), Pair.of(1, anyText())));
    }

    /** Header templates: fragments run together, or items around a genuine header. */
    private static Gen<List<String>> nearValidHeaders(boolean freshAndGenuine) {
        Gen<List<String>> runTogether = lists().of(fragments(freshAndGenuine)).ofSizeBetween(0, 12);
        Gen<String> genuine = Generate.pick(freshAndGenuine ? List.of(HEADER_NOW, HEADER_NOW, HEADER_OLD, HEADER_OTHER)
                : List.of(HEADER_OLD, HEADER_OTHER));
        Gen<List<String>> aroundAGenuineHeader = lists().of(items(freshAndGenuine)).ofSizeBetween(0, 4)
                .zip(genuine, integers().allPositive(), (items, header, at) -> {
                    List<String> all = new ArrayList<>(items);
                    all.add(at % (items.size() + 1), header);
                    return List.of(String.join(",", all));
                });
        return Generate.frequency(List.of(Pair.of(1, runTogether), Pair.of(2, aroundAGenuineHeader)));
    }

    /** What is written before or after an old delivery's header: nothing that is the body's, fresh. */
    private static Gen<List<String>> surroundings() {
        Gen<List<String>> items = lists().of(items(false)).ofSizeBetween(1, 4)
                .map(list -> List.of("," + String.join(",", list) + ","));
        return Generate.frequency(List.of(Pair.of(1, Generate.constant(List.of())),
                Pair.of(3, lists().of(fragments(false)).ofSizeBetween(1, 8)), Pair.of(3, items)));
    }

    private static Gen<String> fragments(boolean freshAndGenuine) {
        List<Pair<Integer, Gen<String>>> choices = new ArrayList<>(List.of(Pair.of(8, Generate.pick(FRAGMENTS)),
                Pair.of(1, decimals()), Pair.of(1, strings().allPossible().ofLengthBetween(0, 3)), Pair.of(1, hex())));
        if (freshAndGenuine) {
            choices.add(Pair.of(2, Generate.pick(FRESH_AND_GENUINE)));
        }
        return Generate.frequency(choices);
    }

    /** {@code key=value} items, well-formed or nearly. */
    private static Gen<String> items(boolean freshAndGenuine) {
        List<String> values = new ArrayList<>(VALUES);
        if (freshAndGenuine) {
            values.add(SIGNATURE_NOW);
        }
        Gen<String> value = Generate.frequency(List.of(Pair.of(4, Generate.pick(values)), Pair.of(2, hex()),
                Pair.of(1, decimals()), Pair.of(1, strings().allPossible().ofLengthBetween(0, 4))));
        return Generate.pick(KEYS).zip(integers().between(0, 9), value,
                (key, equals, v) -> key + (equals == 0 ? "" : "=") + v);
    }

    /** Any long, in decimal: zero, negative, too large for a timestamp. */
    private static Gen<String> decimals() {
        return longs().all().map(n -> String.valueOf(n));
    }

    /** 64 lowercase hex digits, now and then one fewer or one more. */
    private static Gen<String> hex() {
        return lists().of(Generate.pick(List.of("0123456789abcdef".split("")))).ofSizeBetween(63, 65)
                .map(digits -> String.join("", digits));
    }

    /** The template's pieces, one after another, with the body's headers and signatures put in. */
    private static String resolve(List<String> template, String body) {
        StringBuilder header = new StringBuilder();
        for (String piece : template) {
            if (piece.indexOf('<') >= 0) {
                String now = sign(body, NOW.minusSeconds(5));
                String old = sign(body, NOW.minusSeconds(3600));
                String other = sign(body + " ", NOW.minusSeconds(5));
                piece = piece.replace(HEADER_NOW, now).replace(SIGNATURE_NOW, signatureOf(now))
                        .replace(HEADER_OLD, old).replace(SIGNATURE_OLD, signatureOf(old))
                        .replace(HEADER_OTHER, other).replace(SIGNATURE_OTHER, signatureOf(other));
            }
            header.append(piece);
        }
        return header.toString();
    }

    private static String sign(String body, Instant at) {
        return StripeWebhooksTest.sign(body, SECRET, at);
    }

    private static String signatureOf(String header) {
        return header.substring(header.indexOf(",v1=") + 4);
    }

    private static String hmac(String signedPayload) {
        try {
            return Webhook.Util.computeHmacSha256(SECRET, signedPayload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> eventPayloads() {
        JsonObject failed = StripeWebhooksTest.paymentIntent("requires_payment_method", true);
        JsonObject error = new JsonObject();
        error.addProperty("code", "card_declined");
        error.addProperty("decline_code", "insufficient_funds");
        failed.add("last_payment_error", error);
        JsonObject unreadable = StripeWebhooksTest.paymentIntent("succeeded", true);
        JsonObject metadata = unreadable.getAsJsonObject("metadata");
        metadata.addProperty("billing_attempt", "99999999999");
        metadata.addProperty("billing_invoice_id", "not-an-invoice");
        JsonObject setup = Fixtures.of("setup_intent");
        JsonObject setupMetadata = new JsonObject();
        setupMetadata.addProperty("billing_setup_key", "setup-5c1b");
        setup.add("metadata", setupMetadata);
        JsonObject spaced = StripeWebhooksTest.refund("succeeded", null, true);
        spaced.addProperty("id", "re_ spaced");
        JsonObject example = Fixtures.of("event");
        example.addProperty("id", "evt_id");
        return List.of(
                StripeWebhooksTest.event("evt_id", "payment_intent.succeeded",
                        StripeWebhooksTest.paymentIntent("succeeded", true)),
                StripeWebhooksTest.event("evt_id", "payment_intent.processing",
                        StripeWebhooksTest.paymentIntent("processing", false)),
                StripeWebhooksTest.event("evt_id", "payment_intent.payment_failed", failed),
                StripeWebhooksTest.event("evt_id", "payment_intent.succeeded", unreadable),
                StripeWebhooksTest.event("evt_id", "setup_intent.succeeded", setup),
                StripeWebhooksTest.event("evt_id", "setup_intent.succeeded", Fixtures.of("setup_intent")),
                StripeWebhooksTest.event("evt_id", "payment_method.detached", Fixtures.of("payment_method")),
                StripeWebhooksTest.event("evt_id", "mandate.updated", Fixtures.of("mandate")),
                StripeWebhooksTest.event("evt_id", "mandate.updated", new JsonObject()),
                StripeWebhooksTest.event("evt_id", "refund.updated",
                        StripeWebhooksTest.refund("succeeded", null, true)),
                StripeWebhooksTest.event("evt_id", "refund.failed",
                        StripeWebhooksTest.refund("failed", "insufficient_funds", true)),
                StripeWebhooksTest.event("evt_id", "charge.refund.updated",
                        StripeWebhooksTest.refund("pending", null, false)),
                StripeWebhooksTest.event("evt_id", "refund.updated", spaced),
                StripeWebhooksTest.event("evt_id", "customer.updated", new JsonObject()),
                example.toString());
    }
}
