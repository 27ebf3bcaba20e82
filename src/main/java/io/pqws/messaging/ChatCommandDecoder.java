package io.pqws.messaging;

import jakarta.json.JsonObject;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/**
 * Decodes {@link ChatCommand}s. Malformed JSON, a missing or mistyped field: {@link DecodeException} (the session is
 * closed with 1007); an unknown {@code "type"}: {@link UnsupportedMessageTypeException} (closed with 1003).
 */
public class ChatCommandDecoder implements Decoder.Text<ChatCommand> {

    @Override
    public ChatCommand decode(String text) throws DecodeException {
        JsonObject object = ProtocolJson.object(text);
        String type = ProtocolJson.type(object, text);
        try {
            switch (type) {
                case "say":
                    return new ChatCommand.Say(ProtocolJson.string(object, "text", text));
                case "typing":
                    return new ChatCommand.Typing();
                case "leave":
                    return new ChatCommand.Leave();
                default:
                    throw new UnsupportedMessageTypeException(text,
                            "unknown message type " + ProtocolJson.quote(type) + " (say, typing, leave)");
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
