package org.billingsdk.jdbc;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * Writes domain events as flat JSON objects (every component as a string or null) and reads them
 * back. Only the SDK's own event records are read: the type names are looked up among the
 * permitted subtypes of {@link BillingEvent}, never loaded by name.
 */
final class EventCodec {

    private static final Map<Class<?>, Function<String, Object>> READERS = Map.ofEntries(
            Map.entry(String.class, value -> value),
            Map.entry(UUID.class, UUID::fromString),
            Map.entry(Instant.class, EventCodec::instant),
            Map.entry(int.class, Integer::valueOf),
            Map.entry(long.class, Long::valueOf),
            Map.entry(boolean.class, Boolean::valueOf),
            Map.entry(CompanyId.class, CompanyId::of),
            Map.entry(SubscriptionId.class, SubscriptionId::of),
            Map.entry(InvoiceId.class, InvoiceId::of),
            Map.entry(PaymentMethodId.class, PaymentMethodId::of),
            Map.entry(PlanId.class, PlanId::of),
            Map.entry(ProductCode.class, ProductCode::of),
            Map.entry(EnvironmentId.class, EnvironmentId::of));

    /** The SDK's event records by type name, and by class, with what reading and writing them needs. */
    private static final Map<String, Shape> BY_NAME = new HashMap<>();
    private static final Map<Class<?>, Shape> BY_CLASS = new HashMap<>();

    static {
        register(BillingEvent.class);
    }

    /**
     * An event record's components and canonical constructor, looked up once: reflection finds
     * them anew (and copies them) on every call.
     */
    private record Shape(String type, String[] names, Method[] accessors, List<Function<String, Object>> readers,
            Constructor<?> constructor) {
    }

    private EventCodec() {
    }

    private static void register(Class<?> type) {
        if (type.isRecord()) {
            Shape shape = shapeOf(type);
            BY_NAME.put(shape.type(), shape);
            BY_CLASS.put(type, shape);
        }
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted != null) {
            for (Class<?> subtype : permitted) {
                register(subtype);
            }
        }
    }

    private static Shape shapeOf(Class<?> recordType) {
        RecordComponent[] components = recordType.getRecordComponents();
        String[] names = new String[components.length];
        Method[] accessors = new Method[components.length];
        List<Function<String, Object>> readers = new ArrayList<>(components.length);
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            names[i] = components[i].getName();
            accessors[i] = components[i].getAccessor();
            parameterTypes[i] = components[i].getType();
            Function<String, Object> reader = READERS.get(parameterTypes[i]);
            if (reader == null) {
                throw new IllegalStateException("no reader for " + parameterTypes[i] + " in " + recordType);
            }
            readers.add(reader);
        }
        try {
            return new Shape(recordType.getSimpleName(), names, accessors, List.copyOf(readers),
                    recordType.getDeclaredConstructor(parameterTypes));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no canonical constructor in " + recordType, e);
        }
    }

    static String encode(BillingEvent event) {
        Shape shape = BY_CLASS.get(event.getClass());
        if (shape == null) {
            throw new IllegalArgumentException("not an event of the SDK: " + event.getClass().getName());
        }
        StringBuilder json = new StringBuilder(256).append('{');
        for (int i = 0; i < shape.names().length; i++) {
            Object value;
            try {
                value = shape.accessors()[i].invoke(event);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + shape.names()[i] + " of " + event.type(), e);
            }
            if (i > 0) {
                json.append(',');
            }
            quote(json, shape.names()[i]).append(':');
            if (value == null) {
                json.append("null");
            } else {
                quote(json, value.toString());
            }
        }
        return json.append('}').toString();
    }

    static BillingEvent decode(String type, String json) {
        Shape shape = BY_NAME.get(type);
        if (shape == null) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        Map<String, String> fields = parse(json);
        Object[] arguments = new Object[shape.names().length];
        for (int i = 0; i < arguments.length; i++) {
            String value = fields.get(shape.names()[i]);
            arguments[i] = value == null ? null : shape.readers().get(i).apply(value);
        }
        try {
            return (BillingEvent) shape.constructor().newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild event " + type, e);
        }
    }

    /** Powers of ten, for the nanoseconds of a fraction of one to nine digits. */
    private static final int[] NANOS_PER_DIGIT = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
        10, 1};

    /**
     * {@link Instant#parse} for what {@link Instant#toString} writes of the years 0 to 9999
     * ({@code 2026-02-01T00:00:00Z}, with a fraction of up to nine digits or none), without the
     * formatter machinery, which cost reading an event back half its time. Any other text goes to
     * {@code Instant.parse}, which reads it or refuses it as ever.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z'
                || (length > 20 && (text.charAt(19) != '.' || length == 21))) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fraction = length > 20 ? digits(text, 20, length - 21) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || fraction < 0) {
            return Instant.parse(text);
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            int nanos = length > 20 ? fraction * NANOS_PER_DIGIT[length - 22] : 0;
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return Instant.parse(text);
        }
    }

    /** The number in the {@code count} characters from {@code from}, or -1 if one is not an ASCII digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Appends {@code text} as a JSON string: the runs of characters that need no escape are copied whole. */
    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        int plain = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                json.append(text, plain, i);
                if (c < 0x20) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append('\\').append(c);
                }
                plain = i + 1;
            }
        }
        return json.append(text, plain, text.length()).append('"');
    }

    /** Reads a flat JSON object whose values are strings or null, as {@link #encode} writes it. */
    private static Map<String, String> parse(String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        int[] at = {skipSpace(json, 0)};
        expect(json, at, '{');
        if (peek(json, at) == '}') {
            return fields;
        }
        while (true) {
            String name = string(json, at);
            expect(json, at, ':');
            String value;
            if (json.startsWith("null", at[0])) {
                at[0] += 4;
                value = null;
            } else {
                value = string(json, at);
            }
            fields.put(name, value);
            at[0] = skipSpace(json, at[0]);
            char next = json.charAt(at[0]++);
            if (next == '}') {
                return fields;
            }
            if (next != ',') {
                throw new IllegalArgumentException("malformed event payload at " + (at[0] - 1));
            }
            at[0] = skipSpace(json, at[0]);
        }
    }

    private static String string(String json, int[] at) {
        expect(json, at, '"');
        int end = at[0];
        while (end < json.length() && json.charAt(end) != '"' && json.charAt(end) != '\\') {
            end++;
        }
        if (end < json.length() && json.charAt(end) == '"') {
            String text = json.substring(at[0], end);
            at[0] = end + 1;
            return text;
        }
        StringBuilder text = new StringBuilder(json.substring(at[0], end));
        at[0] = end;
        while (true) {
            char c = json.charAt(at[0]++);
            if (c == '"') {
                return text.toString();
            }
            if (c == '\\') {
                char escaped = json.charAt(at[0]++);
                if (escaped == 'u') {
                    text.append((char) Integer.parseInt(json.substring(at[0], at[0] + 4), 16));
                    at[0] += 4;
                } else {
                    text.append(escaped);
                }
            } else {
                text.append(c);
            }
        }
    }

    private static void expect(String json, int[] at, char expected) {
        at[0] = skipSpace(json, at[0]);
        if (json.charAt(at[0]) != expected) {
            throw new IllegalArgumentException("malformed event payload: expected " + expected + " at " + at[0]);
        }
        at[0]++;
    }

    private static char peek(String json, int[] at) {
        at[0] = skipSpace(json, at[0]);
        return json.charAt(at[0]);
    }

    private static int skipSpace(String json, int from) {
        int i = from;
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }
}
