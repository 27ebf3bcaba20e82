package io.pqws.messaging;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/**
 * Decodes {@link NotificationCommand}s: {@link DecodeException} for malformed input (close 1007),
 * {@link UnsupportedMessageTypeException} for an unknown {@code "type"} (close 1003).
 */
public class NotificationCommandDecoder implements Decoder.Text<NotificationCommand> {

    @Override
    public NotificationCommand decode(String text) throws DecodeException {
        return ProtocolJson.decode(text, object -> {
            String type = ProtocolJson.type(object, text);
            return switch (type) {
                case "subscribe" -> new NotificationCommand.Subscribe(ProtocolJson.strings(object, "topics", text));
                case "unsubscribe" -> new NotificationCommand.Unsubscribe(ProtocolJson.strings(object, "topics", text));
                default -> throw new UnsupportedMessageTypeException(text,
                        "unknown message type " + ProtocolJson.quote(type) + " (subscribe, unsubscribe)");
            };
        });
    }

    @Override
    public boolean willDecode(String text) {
        return ProtocolJson.willDecode(this, text);
    }
}
