package io.pqws.messaging;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/**
 * Decodes {@link ChatCommand}s. Malformed JSON, a missing or mistyped field: {@link DecodeException} (the session is
 * closed with 1007); an unknown {@code "type"}: {@link UnsupportedMessageTypeException} (closed with 1003).
 */
public class ChatCommandDecoder implements Decoder.Text<ChatCommand> {

    @Override
    public ChatCommand decode(String text) throws DecodeException {
        return ProtocolJson.decodeTyped(text, (type, object) -> switch (type) {
            case "say" -> new ChatCommand.Say(ProtocolJson.string(object, "text", text));
            case "typing" -> new ChatCommand.Typing();
            case "leave" -> new ChatCommand.Leave();
            default -> throw ProtocolJson.unknownType(text, type, "say, typing, leave");
        });
    }

    @Override
    public boolean willDecode(String text) {
        return ProtocolJson.willDecode(this, text);
    }
}
