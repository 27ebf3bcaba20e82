package io.pqws.messaging;

import jakarta.json.JsonObject;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/**
 * Decodes {@link NotificationCommand}s: {@link DecodeException} for malformed input (close 1007),
 * {@link UnsupportedMessageTypeException} for an unknown {@code "type"} (close 1003).
 */
public class NotificationCommandDecoder implements Decoder.Text<NotificationCommand> {

    @Override
    public NotificationCommand decode(String text) throws DecodeException {
        JsonObject object = ProtocolJson.object(text);
        String type = ProtocolJson.type(object, text);
        try {
            switch (type) {
                case "subscribe":
                    return new NotificationCommand.Subscribe(ProtocolJson.strings(object, "topics", text));
                case "unsubscribe":
                    return new NotificationCommand.Unsubscribe(ProtocolJson.strings(object, "topics", text));
                default:
                    throw new UnsupportedMessageTypeException(text,
                            "unknown message type " + ProtocolJson.quote(type) + " (subscribe, unsubscribe)");
            }
        } catch (IllegalArgumentException e) {
            throw new DecodeException(text, e.getMessage());
        }
    }

    @Override
    public boolean willDecode(String text) {
        try {
            decode(text);
            return true;
        } catch (DecodeException e) {
            return false;
        }
    }
}
