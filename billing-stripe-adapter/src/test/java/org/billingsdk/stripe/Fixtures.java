package org.billingsdk.stripe;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Stripe's published example API objects (a subset of {@code fixtures3.json}, MIT licensed, see
 * {@code src/test/resources/stripe/}): every answer of the stub starts as a copy of one of them.
 */
final class Fixtures {

    private static final JsonObject RESOURCES = load();

    private Fixtures() {
    }

    /** A fresh copy of the example object of a resource, such as {@code payment_intent}. */
    static JsonObject of(String resource) {
        JsonObject object = RESOURCES.getAsJsonObject(resource);
        if (object == null) {
            throw new IllegalArgumentException("no fixture for " + resource);
        }
        return object.deepCopy();
    }

    private static JsonObject load() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/stripe/fixtures3-subset.json")) {
            if (in == null) {
                throw new IllegalStateException("stripe/fixtures3-subset.json is missing from the test resources");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject()
                    .getAsJsonObject("resources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
