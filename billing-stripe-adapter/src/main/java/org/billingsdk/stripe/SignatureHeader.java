package org.billingsdk.stripe;

import java.util.ArrayList;
import java.util.List;
import org.billingsdk.stripe.WebhookRefusedException.Reason;

/**
 * A {@code Stripe-Signature} header read by a strict grammar, before stripe-java sees it: its one
 * timestamp and its {@code v1} signatures. Immutable.
 *
 * <pre>
 * header = item *( "," item )         ; at most 8192 characters
 * item   = key "=" value              ; the key ends at the item's first "="
 * key    = 1*( ALPHA / DIGIT / "_" )  ; case-sensitive
 * value  = 1*( %x21-7E )              ; visible ASCII: no white space, no control, nothing beyond ASCII
 *
 * exactly one item "t"  : %x31-39 0*9DIGIT  ; seconds since the epoch, 1 to 9,999,999,999
 * at least one "v1"     : 64( DIGIT / %x61-66 ) ; an HMAC-SHA256 in lowercase hex
 * any other key ("v0")  : allowed when well-formed, and ignored
 * </pre>
 *
 * <p>Stripe sends {@code t=1492774577,v1=5257a8...,v0=6ffbb5...}: no white space, which this
 * grammar does not allow anywhere (an HTTP server has already removed any around the header's
 * value). A header with a second timestamp is refused even when both are equal: stripe-java
 * verifies the signature against the first and would leave the choice of the one to check the
 * tolerance on to whoever appended the other.
 */
record SignatureHeader(long timestamp, List<String> signatures) {

    /** The longest header read; a longer one is refused before any of it is parsed. */
    static final int MAX_LENGTH = 8192;

    private static final String TIMESTAMP = "t";
    private static final String SIGNATURE = "v1";
    private static final int SIGNATURE_LENGTH = 64;
    private static final int MAX_TIMESTAMP_DIGITS = 10;

    SignatureHeader {
        if (timestamp < 1 || timestamp > 9_999_999_999L) {
            throw new IllegalArgumentException("a timestamp of 1 to 10 digits is required");
        }
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty() || !signatures.stream().allMatch(SignatureHeader::isSignature)) {
            throw new IllegalArgumentException("at least one signature of 64 lowercase hex digits is required");
        }
    }

    /**
     * Reads a header by the grammar above.
     *
     * @param header the {@code Stripe-Signature} header, or {@code null} if absent
     * @return its timestamp and its {@code v1} signatures, in their order
     * @throws WebhookRefusedException with {@link Reason#MALFORMED_HEADER} if the header is missing
     *     or does not follow the grammar; the message says what is wrong and never quotes the header
     */
    static SignatureHeader parse(String header) {
        if (header == null || header.isEmpty()) {
            throw malformed("the Stripe-Signature header is missing");
        }
        if (header.length() > MAX_LENGTH) {
            throw malformed("the Stripe-Signature header is longer than " + MAX_LENGTH + " characters");
        }
        String[] items = header.split(",", -1);
        long timestamp = 0;
        List<String> signatures = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            int equals = item.indexOf('=');
            String where = "item " + (i + 1) + " of the Stripe-Signature header";
            if (equals <= 0 || equals == item.length() - 1) {
                throw malformed(where + " is not key=value with a non-empty key and value");
            }
            String key = item.substring(0, equals);
            String value = item.substring(equals + 1);
            if (!key.chars().allMatch(SignatureHeader::isKeyCharacter)) {
                throw malformed(where + " has a key of other than ASCII letters, digits and underscores");
            }
            if (!value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
                throw malformed(where + " has white space, a control character or a non-ASCII character");
            }
            if (key.equals(TIMESTAMP)) {
                if (timestamp != 0) {
                    throw malformed("the Stripe-Signature header has more than one timestamp");
                }
                if (!isTimestamp(value)) {
                    throw malformed(where + " is a timestamp other than 1 to " + MAX_TIMESTAMP_DIGITS
                            + " ASCII digits without a leading zero");
                }
                timestamp = Long.parseLong(value);
            } else if (key.equals(SIGNATURE)) {
                if (!isSignature(value)) {
                    throw malformed(where + " is a v1 signature other than " + SIGNATURE_LENGTH
                            + " lowercase hex digits");
                }
                signatures.add(value);
            }
        }
        if (timestamp == 0) {
            throw malformed("the Stripe-Signature header has no timestamp");
        }
        if (signatures.isEmpty()) {
            throw malformed("the Stripe-Signature header has no v1 signature");
        }
        return new SignatureHeader(timestamp, signatures);
    }

    /**
     * The header rebuilt from what was read, for stripe-java: {@code t=<timestamp>} and then each
     * {@code v1=<signature>}, nothing else.
     */
    String canonical() {
        StringBuilder canonical = new StringBuilder(TIMESTAMP).append('=').append(timestamp);
        for (String signature : signatures) {
            canonical.append(',').append(SIGNATURE).append('=').append(signature);
        }
        return canonical.toString();
    }

    private static boolean isKeyCharacter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static boolean isTimestamp(String value) {
        return value.length() <= MAX_TIMESTAMP_DIGITS && value.charAt(0) != '0'
                && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isSignature(String value) {
        return value.length() == SIGNATURE_LENGTH
                && value.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    private static WebhookRefusedException malformed(String message) {
        return new WebhookRefusedException(Reason.MALFORMED_HEADER, "webhook delivery refused: " + message, null);
    }
}
