package io.pqws.messaging;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.websocket.Encoder;

/**
 * Encodes {@link ChatEvent}s as JSON with JSON-B. A room encodes each event once and sends the same text to every
 * member, rather than letting the container encode it per member.
 */
public class ChatEventEncoder implements Encoder.Text<ChatEvent> {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public String encode(ChatEvent event) {
        return JSONB.toJson(event); // the runtime type: JSON-B then writes the "type" key of @JsonbTypeInfo
    }
}
