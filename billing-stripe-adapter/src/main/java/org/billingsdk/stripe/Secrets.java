package org.billingsdk.stripe;

import java.util.regex.Pattern;

/** Keeps API keys and webhook secrets out of text that leaves the adapter (messages, logs). */
final class Secrets {

    /** Stripe's secret, restricted and publishable keys, webhook secrets, and client secrets. */
    private static final Pattern SECRET = Pattern.compile(
            "(?:sk|rk|pk)_(?:test|live)_[0-9A-Za-z]+|whsec_[0-9A-Za-z+/=]+|_secret_[0-9A-Za-z]+");

    private Secrets() {
    }

    /** The text with anything shaped like a Stripe secret replaced by {@code ***}; null stays null. */
    static String redact(String text) {
        return text == null ? null : SECRET.matcher(text).replaceAll("***");
    }

    /** Throws unless {@code value} is a non-blank secret; the message never quotes it. */
    static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(what + " has leading or trailing white space");
        }
        return value;
    }
}
