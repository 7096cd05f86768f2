package org.billingsdk.examples.adapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the provisioning API, so that the example needs nothing beyond the JDK: writes
 * a flat object of strings and reads any JSON text (objects as maps, arrays as lists, numbers as
 * their text). A host would use its own JSON library here. Error messages name a position, never
 * the text.
 */
final class Json {

    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    /** A JSON object of the given string fields, in their order. */
    static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, name);
            json.append(':');
            quote(json, value);
        });
        return json.append('}').toString();
    }

    /** @throws IllegalArgumentException unless {@code text} is one JSON object */
    static Map<String, Object> parseObject(String text) {
        Json parser = new Json(text == null ? "" : text);
        parser.skipSpace();
        if (!parser.peek('{')) {
            throw parser.error("an object");
        }
        Object value = parser.value();
        parser.skipSpace();
        if (parser.position != parser.text.length()) {
            throw parser.error("the end");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    private static void quote(StringBuilder json, String value) {
        json.append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    private Object value() {
        skipSpace();
        if (position >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(position);
        if (c == '{') {
            return object();
        } else if (c == '[') {
            return array();
        } else if (c == '"') {
            return string();
        } else if (text.startsWith("true", position)) {
            position += 4;
            return Boolean.TRUE;
        } else if (text.startsWith("false", position)) {
            position += 5;
            return Boolean.FALSE;
        } else if (text.startsWith("null", position)) {
            position += 4;
            return null;
        }
        int start = position;
        while (position < text.length() && "+-.eE0123456789".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        if (start == position) {
            throw error("a value");
        }
        return text.substring(start, position);
    }

    private Map<String, Object> object() {
        Map<String, Object> object = new LinkedHashMap<>();
        position++;
        skipSpace();
        if (consume('}')) {
            return object;
        }
        do {
            skipSpace();
            if (!peek('"')) {
                throw error("a field name");
            }
            String name = string();
            skipSpace();
            if (!consume(':')) {
                throw error("':'");
            }
            object.put(name, value());
            skipSpace();
        } while (consume(','));
        if (!consume('}')) {
            throw error("',' or '}'");
        }
        return object;
    }

    private List<Object> array() {
        List<Object> array = new ArrayList<>();
        position++;
        skipSpace();
        if (consume(']')) {
            return array;
        }
        do {
            array.add(value());
            skipSpace();
        } while (consume(','));
        if (!consume(']')) {
            throw error("',' or ']'");
        }
        return array;
    }

    private String string() {
        StringBuilder value = new StringBuilder();
        position++;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return value.toString();
            } else if (c != '\\') {
                value.append(c);
            } else if (position < text.length()) {
                char escaped = text.charAt(position++);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> value.append(unicode());
                    default -> throw error("an escape");
                }
            }
        }
        throw error("'\"'");
    }

    private char unicode() {
        if (position + 4 > text.length()) {
            throw error("four hex digits");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(position, position + 4), 16);
            position += 4;
            return c;
        } catch (NumberFormatException e) {
            throw error("four hex digits");
        }
    }

    private void skipSpace() {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
    }

    private boolean peek(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    private boolean consume(char c) {
        if (peek(c)) {
            position++;
            return true;
        }
        return false;
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("malformed JSON: expected " + expected + " at position " + position);
    }
}
