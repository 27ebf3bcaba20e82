package io.pqws.messaging;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/**
 * Reads the JSON body of {@code POST /api/notifications} into a {@link PublishNotification}, with a short reason
 * for whatever is wrong (the REST resource answers it with 400).
 */
public class PublishNotificationDecoder implements Decoder.Text<PublishNotification> {

    @Override
    public PublishNotification decode(String text) throws DecodeException {
        return ProtocolJson.decode(text, object -> {
            JsonValue data = object.get("data");
            if (data != null && data != JsonValue.NULL && data.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("\"data\" must be a JSON object");
            }
            return new PublishNotification(optional(object, "user"), optional(object, "role"),
                    optional(object, "topic"), optional(object, "title"), optional(object, "body"),
                    data == null || data == JsonValue.NULL ? null : data.asJsonObject());
        });
    }

    @Override
    public boolean willDecode(String text) {
        return ProtocolJson.willDecode(this, text);
    }

    private static String optional(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return string.getString();
    }
}
