package io.pqws.client;

import java.io.StringWriter;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;

/**
 * A report for scripts ({@code --json}): one JSON object on one line, with {@code null} for a fact that is absent.
 *
 * <p>Why a class: {@code connect} and {@code probe} write their JSON the same way; an absent value must be an explicit
 * {@code null} (JSON-P refuses a Java {@code null}) so a script finds every key in every report.
 */
final class JsonText {

    private JsonText() {
    }

    /** Adds {@code key} with {@code value}, or with JSON {@code null} when {@code value} is {@code null}. */
    static void addNullable(JsonObjectBuilder json, String key, String value) {
        if (value == null) {
            json.addNull(key);
        } else {
            json.add(key, value);
        }
    }

    /** {@code object} as compact JSON text on one line. */
    static String write(JsonObject object) {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = Json.createWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
