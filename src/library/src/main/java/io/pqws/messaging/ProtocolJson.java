package io.pqws.messaging;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/**
 * Reading the module's client messages: one JSON object with a string {@code "type"}, and typed fields with a short
 * reason for everything that is wrong. The reasons go into close frames, so they stay short and never quote more
 * than a name.
 *
 * <p>Strict on purpose: exactly one JSON value with nothing after it, and no duplicate names (RFC 8259 leaves those
 * to the receiver; a reader that takes the last {@code "type"} and one that takes the first would see different
 * messages). The abuse corpus found both accepted before ({@code SECURITY.md}, findings).
 */
final class ProtocolJson {

    /** Refuses duplicate names (the JSON-P 2.1 setting; Parsson honours it in readers, not in parsers). */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private ProtocolJson() {
    }

    /** Reads a message's fields from its JSON object; a record's own checks reject with IllegalArgumentException. */
    @FunctionalInterface
    interface Reading<T> {
        T read(JsonObject object) throws DecodeException;
    }

    /**
     * Decodes a message: its text must be one JSON object ({@link #object}), which {@code reading} turns into the
     * message; an {@link IllegalArgumentException} of a record's own checks becomes a {@link DecodeException} with
     * the same reason, so every decoder fails alike on bad input.
     */
    static <T> T decode(String text, Reading<T> reading) throws DecodeException {
        JsonObject object = object(text);
        try {
            return reading.read(object);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(text, e.getMessage());
        }
    }

    /** Reads a typed message's fields, given its {@code "type"}. */
    @FunctionalInterface
    interface TypedReading<T> {
        T read(String type, JsonObject object) throws DecodeException;
    }

    /** {@link #decode} for a message with a string {@code "type"}, which {@code reading} is given first. */
    static <T> T decodeTyped(String text, TypedReading<T> reading) throws DecodeException {
        return decode(text, object -> reading.read(type(object, text), object));
    }

    /** A well-formed message of a type the endpoint does not know, naming the {@code known} ones (close 1003). */
    static UnsupportedMessageTypeException unknownType(String text, String type, String known) {
        return new UnsupportedMessageTypeException(text, "unknown message type " + quote(type) + " (" + known + ")");
    }

    /** {@link Decoder.Text#willDecode} that really checks: true only when the decoder accepts the text. */
    static boolean willDecode(Decoder.Text<?> decoder, String text) {
        try {
            decoder.decode(text);
            return true;
        } catch (DecodeException e) {
            return false;
        }
    }

    static JsonObject object(String text) throws DecodeException {
        JsonValue value;
        try {
            if (topLevelValues(text) != 1) {
                throw new DecodeException(text, "malformed JSON");
            }
            try (JsonReader reader = READERS.createReader(new StringReader(text))) {
                value = reader.readValue();
            }
        } catch (JsonException | IllegalStateException e) {
            throw new DecodeException(text, "malformed JSON");
        } catch (RuntimeException e) {
            // Parsson reports nesting beyond its limit (1000) with a plain RuntimeException
            throw new DecodeException(text, "malformed JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new DecodeException(text, "expected a JSON object");
        }
        return value.asJsonObject();
    }

    /** How many values the text holds at its top level (a reader stops after the first and ignores the rest). */
    private static int topLevelValues(String text) {
        int values = 0;
        int depth = 0;
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (depth == 0) {
                    values++;
                }
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    depth++;
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
            }
        }
        return values;
    }

    static String type(JsonObject object, String text) throws DecodeException {
        if (!(object.get("type") instanceof JsonString type)) {
            throw new DecodeException(text, "missing string field \"type\"");
        }
        return type.getString();
    }

    static String string(JsonObject object, String field, String text) throws DecodeException {
        if (!(object.get(field) instanceof JsonString value)) {
            throw new DecodeException(text, "missing string field \"" + field + "\"");
        }
        return value.getString();
    }

    static List<String> strings(JsonObject object, String field, String text) throws DecodeException {
        if (!(object.get(field) instanceof JsonArray array)) {
            throw new DecodeException(text, "missing array field \"" + field + "\"");
        }
        List<String> values = new ArrayList<>();
        for (JsonValue element : array) {
            if (!(element instanceof JsonString value)) {
                throw new DecodeException(text, "\"" + field + "\" must hold strings only");
            }
            values.add(value.getString());
        }
        return values;
    }

    /** A short, quotable form of a client-supplied name for a close reason. */
    static String quote(String name) {
        return name.length() <= 24 ? "'" + name + "'" : "'" + name.substring(0, 21) + "...'";
    }
}
