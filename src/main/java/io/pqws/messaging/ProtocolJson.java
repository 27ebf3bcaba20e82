package io.pqws.messaging;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.DecodeException;

/**
 * Reading the module's client messages: one JSON object with a string {@code "type"}, and typed fields with a short
 * reason for everything that is wrong. The reasons go into close frames, so they stay short and never quote more
 * than a name.
 */
final class ProtocolJson {

    private ProtocolJson() {
    }

    static JsonObject object(String text) throws DecodeException {
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new DecodeException(text, "malformed JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new DecodeException(text, "expected a JSON object");
        }
        return value.asJsonObject();
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
