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
        return ProtocolJson.decodeTyped(text, (type, object) -> switch (type) {
            case "subscribe" -> new NotificationCommand.Subscribe(ProtocolJson.strings(object, "topics", text));
            case "unsubscribe" -> new NotificationCommand.Unsubscribe(ProtocolJson.strings(object, "topics", text));
            default -> throw ProtocolJson.unknownType(text, type, "subscribe, unsubscribe");
        });
    }

    @Override
    public boolean willDecode(String text) {
        return ProtocolJson.willDecode(this, text);
    }
}
